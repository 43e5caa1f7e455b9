package org.hopfield4j.cli;

import java.util.List;
import java.util.Locale;
import org.hopfield4j.experiment.ResultTable;

/** The table {@code bench separation} prints, and the same rows as CSV. */
final class BenchTable {
    private BenchTable() {}

    private static final String TEXT_FORMAT = "%-12s %9s %7s %15s %13s %9s %13s %10s";

    /** Column titles, aligned with {@link #line}. */
    static String header() {
        return String.format(Locale.ROOT, TEXT_FORMAT,
                "map", "n", "rows", "native ns/elem", "java ns/elem", "speedup", "mean support", "max|dp|");
    }

    static String line(BenchRow r) {
        return String.format(Locale.ROOT, TEXT_FORMAT, r.map(), r.n(), r.rows(),
                String.format(Locale.ROOT, "%.3f", r.nativeNsPerElement()),
                String.format(Locale.ROOT, "%.3f", r.javaNsPerElement()),
                String.format(Locale.ROOT, "%.1fx", r.speedup()),
                String.format(Locale.ROOT, "%.1f", r.meanSupport()),
                String.format(Locale.ROOT, "%.1e", r.maxAbsDiff()));
    }

    static final String CSV_HEADER = "map,n,rows,dtype,kernel_threads,native_ns_per_element,"
            + "java_ns_per_element,speedup,mean_support,max_abs_diff";

    static ResultTable csv(List<BenchRow> rows) {
        ResultTable csv = CsvOutput.table(CSV_HEADER);
        for (BenchRow r : rows) {
            csv.add(r.map(), r.n(), r.rows(), r.dtype(), r.kernelThreads(), CsvOutput.fixed(r.nativeNsPerElement(), 4),
                    CsvOutput.fixed(r.javaNsPerElement(), 4), CsvOutput.fixed(r.speedup(), 3),
                    CsvOutput.fixed(r.meanSupport(), 3), String.format(Locale.ROOT, "%.3e", r.maxAbsDiff()));
        }
        return csv;
    }
}
