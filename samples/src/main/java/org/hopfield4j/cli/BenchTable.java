package org.hopfield4j.cli;

import java.util.List;
import java.util.Locale;

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

    static String csv(List<BenchRow> rows) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (BenchRow r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%.4f,%.4f,%.3f,%.3f,%.3e\n",
                    r.map(), r.n(), r.rows(), r.dtype(), r.kernelThreads(), r.nativeNsPerElement(),
                    r.javaNsPerElement(), r.speedup(), r.meanSupport(), r.maxAbsDiff()));
        }
        return csv.toString();
    }
}
