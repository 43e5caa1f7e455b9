package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.hopfield4j.internal.Check;

/**
 * What the three benchmarks ({@code bench separation}, {@code retrieval}, {@code uhop}) share: the
 * rules of their common options and the first lines of their table. Each keeps its own option
 * declarations, whose defaults and help texts differ.
 */
abstract class BenchmarkCommand extends StandardCommand {

    /** Every --sizes value must be at least {@code min}; {@code why} (may be empty) follows the bound. */
    void checkSizes(List<Integer> sizes, int min, String why) {
        if (sizes.isEmpty()) {
            throw usage("--sizes needs at least one size");
        }
        for (int size : sizes) {
            if (size < min) {
                throw usage("--sizes must be >= " + min + why + ", got " + size);
            }
        }
    }

    /** --repeats timed runs (at least one, for the median) after --warmup untimed ones. */
    void checkTiming(int repeats, int warmup) {
        if (repeats < 1) {
            throw usage("--repeats must be >= 1, got " + repeats);
        }
        if (warmup < 0) {
            throw usage("--warmup must be >= 0, got " + warmup);
        }
    }

    /** α of the entmax map the benchmark times. */
    void checkAlpha(double alpha) {
        if (!(alpha > 1) || Double.isInfinite(alpha)) {
            throw usage("--alpha must be finite and > 1, got " + alpha);
        }
    }

    /** The largest matrix the benchmark allocates, {@code elements} entries, must fit in one Java array. */
    void checkFitsOneArray(long elements, String options) {
        if (elements > Check.MAX_ARRAY_LENGTH) {
            throw usage(options + " makes a matrix larger than one Java array");
        }
    }

    /**
     * What the benchmark will allocate on the Java heap, about {@code bytes}, must fit in what this JVM
     * may use (-Xmx): checked before anything is allocated, so that the message names the options
     * rather than reporting an OutOfMemoryError half-way through the table.
     */
    void checkFitsHeap(long bytes, String options) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw usage(options + " needs about " + (bytes >> 20) + " MiB of Java heap, more than the " + (max >> 20)
                    + " MiB this JVM may use; lower them or raise -Xmx");
        }
    }

    /** Prints the machine, the benchmark's settings and the table's column header; returns stdout for its lines. */
    PrintWriter startTable(String settings, String header) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("# machine: " + MachineInfo.describe());
        out.println(settings);
        out.println(header);
        out.flush();
        return out;
    }
}
