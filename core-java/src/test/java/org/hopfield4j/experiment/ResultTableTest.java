package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

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
