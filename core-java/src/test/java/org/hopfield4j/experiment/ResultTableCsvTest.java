package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** {@link ResultTable}'s CSV: quoted where a cell needs it, so any cell round-trips through a CSV reader. */
class ResultTableCsvTest {
    @Test
    void aCellWithACommaAQuoteAndALineBreakRoundTripsThroughACsvReader() throws IOException {
        ResultTable table = new ResultTable("model", "M", "mean");
        table.add("dense, β=\"8\"", 10, 0.5);
        table.add("two\nlines", 20, Double.NaN);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(table.csv()), CSVFormat.RFC4180)) {
            records = parser.getRecords();
        }
        assertEquals(3, records.size());
        assertEquals(List.of("model", "M", "mean"), records.get(0).toList());
        assertEquals(List.of("dense, β=\"8\"", "10", "0.500000"), records.get(1).toList());
        assertEquals(List.of("two\nlines", "20", "NaN"), records.get(2).toList());
    }

    @Test
    void plainCellsAreWrittenAsBeforeUnquoted() {
        ResultTable table = new ResultTable("model", "sigma", "seeds");
        table.add("uhop-sparse", 0.25, 3);
        assertEquals("model,sigma,seeds\nuhop-sparse,0.250000,3\n", table.csv());
        assertEquals(List.of("model,sigma,seeds", "uhop-sparse,0.250000,3"), table.csvLines());
    }
}
