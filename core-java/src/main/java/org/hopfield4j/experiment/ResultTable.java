package org.hopfield4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;

/**
 * A tidy result table: a header of column names and rows of values (strings, integers, doubles),
 * as CSV (RFC 4180 through commons-csv: a cell holding a comma, a quote or a line break is quoted,
 * no comment lines, doubles with 6 decimals, or 6 significant digits below 10⁻³) or aligned text lines.
 * The one CSV writer of the project: the experiments' files, so that the commands and the scripts write
 * the same digits, and the benchmarks' {@code --csv} files.
 */
public final class ResultTable {
    /** RFC 4180 with Unix line ends; quotes only the cells that need them, so plain tables read as before. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    public ResultTable(String... columns) {
        this.columns = List.of(columns);
    }

    /** Appends a row of one value per column. */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(values.clone());
    }

    public List<String> columns() {
        return columns;
    }

    /** The rows (copies of the values added). */
    public List<Object[]> rows() {
        return rows.stream().map(Object[]::clone).toList();
    }

    /** Below this magnitude six decimals keep fewer than four significant digits. */
    private static final double SMALLEST_FIXED = 1e-3;

    /**
     * A double with six decimals (0.050000), except a non-zero one smaller than 10⁻³ in magnitude, which
     * gets six significant digits in scientific notation (1.00000e-07): six decimals would print
     * σ = 10⁻⁷ and 10⁻⁹ both as 0.000000. Both forms read back with any CSV or float parser.
     */
    static String format(Object v) {
        if (v instanceof Double d) {
            if (Double.isNaN(d)) {
                return "NaN";
            }
            boolean tiny = d != 0 && Math.abs(d) < SMALLEST_FIXED;
            return String.format(Locale.ROOT, tiny ? "%.5e" : "%.6f", d);
        }
        return String.valueOf(v);
    }

    /** The header record, then one record per row (a line each, unless a quoted cell holds a line break). */
    public List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        lines.add(CSV.format(columns.toArray()));
        for (Object[] r : rows) {
            Object[] cells = new Object[r.length];
            for (int c = 0; c < r.length; c++) {
                cells[c] = format(r[c]);
            }
            lines.add(CSV.format(cells));
        }
        return lines;
    }

    /** The CSV file's text: {@link #csvLines()}, each ended by a newline. */
    public String csv() {
        return String.join("\n", csvLines()) + "\n";
    }

    /** The table for reading: the first column left-aligned, the others right-aligned, two spaces apart. */
    public List<String> alignedLines() {
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).length();
            for (Object[] r : rows) {
                width[c] = Math.max(width[c], format(r[c]).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(align(columns.toArray(), width));
        for (Object[] r : rows) {
            lines.add(align(r, width));
        }
        return lines;
    }

    private static String align(Object[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String s = format(cells[c]);
            sb.append(c == 0 ? String.format("%-" + width[c] + "s", s) : String.format("  %" + width[c] + "s", s));
        }
        return sb.toString();
    }
}
