package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import org.hopfield4j.io.NpyFormatException;
import org.hopfield4j.io.NpyReadOptions;
import org.hopfield4j.io.NpyRowReader;

/**
 * The queries of a streamed {@code retrieve}, a batch of rows at a time ({@link NpyRowReader}), with
 * the checks {@link MatrixFiles#read} makes on a whole array — the shape (B, d) or (d,) with d ≥ 1,
 * every value finite, within float32's range when the memories are float32 — each naming the
 * element by its position in the whole file.
 */
final class QueryBatches implements AutoCloseable {
    private final String option;
    private final Path file;
    private final NpyRowReader reader;
    private final String float32Reason;   // why the values must fit float32, or null

    private QueryBatches(String option, Path file, NpyRowReader reader, String float32Reason) {
        this.option = option;
        this.file = file;
        this.reader = reader;
        this.float32Reason = float32Reason;
    }

    /** Opens {@code file} and checks its header; {@code float32Reason} non-null: the values must fit float32. */
    static QueryBatches open(String option, Path file, NpyReadOptions options, String float32Reason) {
        NpyFiles.checkReadable(option, file, ".npy");
        NpyRowReader reader;
        try {
            reader = NpyRowReader.open(file, options);
        } catch (NpyFormatException e) {
            throw new UserError(option + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": cannot read: " + NpyFiles.reason(e), e);
        }
        if (reader.cols() == 0) {
            closeQuietly(reader);
            throw new UserError(option + " " + file + ": shape " + shapeText(reader.shape())
                    + " has rows of length 0; expected " + MatrixFiles.Shape.QUERIES.layout() + " with at least one column");
        }
        return new QueryBatches(option, file, reader, float32Reason);
    }

    int rows() {
        return reader.rows();
    }

    int cols() {
        return reader.cols();
    }

    int[] shape() {
        return reader.shape();
    }

    String shapeText() {
        return shapeText(reader.shape());
    }

    private static String shapeText(int[] s) {
        return s.length == 1 ? "(" + s[0] + ",)" : "(" + s[0] + ", " + s[1] + ")";
    }

    /** The next at most {@code batch} rows, checked; an empty array once all were read. */
    NpyArray next(int batch) {
        int first = reader.rowsRead();
        NpyArray a;
        try {
            a = reader.next(batch);
        } catch (NpyFormatException e) {
            throw new UserError(option + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": cannot read: " + NpyFiles.reason(e), e);
        }
        long base = (long) first * cols();
        if (a.dtype() == NpyDtype.FLOAT32) {
            FloatBuffer z = a.floatBuffer();
            for (int i = 0; i < a.size(); i++) if (!Float.isFinite(z.get(i))) throw notFinite(base + i, z.get(i));
        } else {
            DoubleBuffer z = a.doubleBuffer();
            for (int i = 0; i < a.size(); i++) {
                double v = z.get(i);
                if (!Double.isFinite(v)) throw notFinite(base + i, v);
                if (float32Reason != null && Math.abs(v) > Float.MAX_VALUE) {
                    throw new UserError(option + " " + file + ": element " + position(base + i) + " is " + v
                            + ", beyond float32's range (+-" + Float.MAX_VALUE + "), and " + float32Reason
                            + "; scale the values down or use float64 memories");
                }
            }
        }
        return a;
    }

    private UserError notFinite(long index, double v) {
        String what = Double.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
        return new UserError(option + " " + file + ": element " + position(index) + " is " + what
                + "; every value must be finite");
    }

    /** numpy's index of flat element {@code index}: [i] for a 1-D file, [row, column] for 2-D. */
    private String position(long index) {
        return reader.shape().length == 1 ? "[" + index + "]" : "[" + index / cols() + ", " + index % cols() + "]";
    }

    private static void closeQuietly(NpyRowReader r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // only read from
        }
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }
}
