package org.hopfield4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tidy result table: a header of column names and rows of values (strings, integers, doubles),
 * written as CSV (plain, no comment lines, doubles with 6 decimals) and printed aligned.
 */
final class ResultTable {
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    ResultTable(String... columns) {
        this.columns = List.of(columns);
    }

    void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(values.clone());
    }

    List<Object[]> rows() {
        return rows;
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.6f", d);
        }
        return String.valueOf(v);
    }

    void writeCsv(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", columns));
        for (Object[] r : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : r) {
                cells.add(format(v));
            }
            lines.add(String.join(",", cells));
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UserError("--out " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    void print(PrintWriter out) {
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).length();
            for (Object[] r : rows) {
                width[c] = Math.max(width[c], format(r[c]).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            sb.append(c == 0 ? String.format("%-" + width[c] + "s", columns.get(c)) : String.format("  %" + width[c] + "s", columns.get(c)));
        }
        out.println(sb);
        for (Object[] r : rows) {
            sb.setLength(0);
            for (int c = 0; c < width.length; c++) {
                String s = format(r[c]);
                sb.append(c == 0 ? String.format("%-" + width[c] + "s", s) : String.format("  %" + width[c] + "s", s));
            }
            out.println(sb);
        }
        out.flush();
    }
}
