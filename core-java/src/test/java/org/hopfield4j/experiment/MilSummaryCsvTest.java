package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** mil.csv read back and runs merged: what the merged mil.csv of docs/results/mil is made with. */
class MilSummaryCsvTest {
    private static MilSummary.Point point(MilModel m, int bags, double mean, double auc) {
        return new MilSummary.Point(m, bags, mean, auc, 1.5e-4, auc - 0.1, 0.02, 5);
    }

    @Test
    void aWrittenCsvReadsBackToTheSamePointsAndTheSameText() {
        MilSummary s = new MilSummary(List.of(point(MilModel.DENSE, 50, 10, 0.666701), point(MilModel.ENTMAX_LEARNED, 50, 12.5, 0.5),
                new MilSummary.Point(MilModel.UHOP_SPARSE, 200, 100, Double.NaN, Double.NaN, 1.0, 0.0, 3)), List.of());
        String csv = s.table().csv();
        MilSummary back = MilSummary.readCsv(csv.lines().toList());
        assertEquals(s.points(), back.points());
        assertEquals(csv, back.table().csv());
    }

    @Test
    void mergedRunsAreOrderedByModelMeanSizeAndBagsAsOneGridWouldBe() {
        MilSummary first = new MilSummary(List.of(point(MilModel.DENSE, 50, 10, 0.6), point(MilModel.DENSE, 500, 10, 0.9),
                point(MilModel.SPARSE, 50, 10, 0.55), point(MilModel.SPARSE, 500, 10, 0.88)), List.of());
        MilSummary second = new MilSummary(List.of(point(MilModel.DENSE, 100, 10, 0.7), point(MilModel.DENSE, 100, 20, 0.65),
                point(MilModel.SPARSE, 100, 10, 0.66)), List.of());
        List<String> rows = MilSummary.merge(List.of(first, second)).table().csvLines();
        assertEquals(List.of("dense,50,10", "dense,100,10", "dense,500,10", "dense,100,20", "sparse,50,10", "sparse,100,10",
                "sparse,500,10"), rows.subList(1, rows.size()).stream()
                .map(r -> String.join(",", List.of(r.split(",")).subList(0, 3))).toList());
    }

    @Test
    void aPointInTwoRunsAWrongHeaderOrAShortLineIsRejected() {
        MilSummary a = new MilSummary(List.of(point(MilModel.DENSE, 100, 10, 0.7)), List.of());
        MilSummary b = new MilSummary(List.of(point(MilModel.DENSE, 100, 10, 0.71)), List.of());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> MilSummary.merge(List.of(a, b)));
        assertTrue(twice.getMessage().contains("dense at bags 100 mean 10"), twice.getMessage());
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> MilSummary.readCsv(List.of("model,M,mean,std,seeds", "dense,10,0.5,0.1,5")));
        assertTrue(header.getMessage().contains("starts with the header model,bags,mean_bag"), header.getMessage());
        IllegalArgumentException shortLine = assertThrows(IllegalArgumentException.class,
                () -> MilSummary.readCsv(List.of(String.join(",", MilSummary.COLUMNS), "dense,100,10,0.7")));
        assertTrue(shortLine.getMessage().contains("line 2: expected 8 fields, got 4"), shortLine.getMessage());
    }
}
