package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one CSV / aligned-text writer of the experiments: exact digits and layout, copies out. */
class ResultTableTest {

    private static ResultTable sample() {
        ResultTable t = new ResultTable("model", "M", "mean");
        t.add("dense", 10, 0.1234567);
        t.add("uhop-sparse", 200, Double.NaN);
        return t;
    }

    @Test
    void csvHasTheHeaderThenOneLinePerRowWithSixDecimals() {
        assertEquals(List.of("model,M,mean", "dense,10,0.123457", "uhop-sparse,200,NaN"), sample().csvLines());
        assertEquals("model,M,mean\ndense,10,0.123457\nuhop-sparse,200,NaN\n", sample().csv());
    }

    @Test
    void alignedLinesPadTheFirstColumnRightAndTheOthersLeft() {
        assertEquals(List.of(
                "model          M      mean",
                "dense         10  0.123457",
                "uhop-sparse  200       NaN"), sample().alignedLines());
    }

    @Test
    void aHeaderWiderThanItsCellsSetsTheWidth() {
        ResultTable t = new ResultTable("m", "seeds");
        t.add("a-long-model", 3);
        assertEquals(List.of("m             seeds", "a-long-model      3"), t.alignedLines());
    }

    @Test
    void aRowOfTheWrongWidthIsRejectedWithBothCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sample().add("x", 1));
        assertEquals("row of 2 values for 3 columns", e.getMessage());
    }

    @Test
    void rowsAndColumnsAreWhatWasAddedAndRowsAreCopies() {
        ResultTable t = sample();
        Object[] values = {"soft", 5, 2.0};
        t.add(values);
        values[0] = "changed";                          // the table kept its own copy
        assertEquals(List.of("model", "M", "mean"), t.columns());
        assertEquals(3, t.rows().size());
        assertArrayEquals(new Object[] {"soft", 5, 2.0}, t.rows().get(2));
        t.rows().get(2)[0] = "changed";                 // and hands out copies
        assertEquals("soft,5,2.000000", t.csvLines().get(3));
    }

    /** Issue #18: σ = 1e-7 and 1e-9 printed as 0.000000 both; the column names and ordinary values stay. */
    @Test
    void tinyValuesKeepTheirDigitsAndOrdinaryOnesKeepSixDecimals() {
        ResultTable t = new ResultTable("model", "sigma", "mean", "std", "seeds");
        t.add("dense", 1e-7, 6.9650423, 0.0, 3);
        t.add("dense", 1e-9, 0.05, 5.56e-4, 3);
        List<String> lines = t.csvLines();
        assertEquals(List.of("model,sigma,mean,std,seeds",
                "dense,1.00000e-07,6.965042,0.000000,3",
                "dense,1.00000e-09,0.050000,5.56000e-04,3"), lines);
        assertNotEquals(lines.get(1).split(",")[1], lines.get(2).split(",")[1]);
        assertEquals(1e-9, Double.parseDouble(lines.get(2).split(",")[1]));
        assertEquals("0.001000", ResultTable.format(1e-3));
        assertEquals("-2.00000e-04", ResultTable.format(-2e-4));
        assertEquals("NaN", ResultTable.format(Double.NaN));
    }
}
