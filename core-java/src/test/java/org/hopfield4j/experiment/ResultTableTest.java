package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
