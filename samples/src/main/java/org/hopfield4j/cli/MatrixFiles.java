package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.StoragePrecision;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import org.hopfield4j.io.NpyLayout;
import org.hopfield4j.io.NpyReadOptions;

/**
 * Reads the matrices of {@code retrieve} and {@code learn-kernel} (memories, queries) and checks
 * them before the API sees them (and makes the memory store of them), so that a problem is reported with the option, the file and the
 * place in the user's array (numpy's [row, column]).
 */
final class MatrixFiles {
    private MatrixFiles() {}

    /**
     * What a matrix option must hold: {@code layout} names the expected shape in messages, e.g.
     * "(M, d)"; at least {@code minRows} rows; with {@code vectorIsRow} a 1-D array of n values is
     * accepted as well (one row, shape (n,)).
     */
    record Shape(String layout, int minRows, boolean vectorIsRow) {
        static final Shape MEMORIES = new Shape("(M, d)", 1, false);
        static final Shape QUERIES = new Shape("(B, d)", 0, true);
        static final Shape IMAGES = new Shape("(N, d)", 1, false);
        static final Shape MNIST = new Shape("(N, 784)", 1, false);
    }

    /**
     * A 2-D array from {@code file} (given by {@code option}) of the {@code shape} and at least one
     * column, every value finite, read as {@code options} say.
     */
    static NpyArray read(String option, Path file, Shape shape, NpyReadOptions options) {
        String layout = shape.layout();
        int minRows = shape.minRows();
        boolean vectorIsRow = shape.vectorIsRow();
        NpyArray a = NpyFiles.read(option, file, options);
        if (a.rank() != 2 && !(vectorIsRow && a.rank() == 1)) {
            throw new UserError(option + " " + file + ": expected a 2-D array of shape " + layout
                    + (vectorIsRow ? " (or 1-D for a single row)" : "") + ", got shape " + ScoreValidation.shape(a));
        }
        int rows = a.rows();   // a 1-D array is one row
        int cols = a.cols();
        if (cols == 0) {
            throw new UserError(option + " " + file + ": shape " + ScoreValidation.shape(a)
                    + " has rows of length 0; expected " + layout + " with at least one column");
        }
        if (rows < minRows) {
            throw new UserError(option + " " + file + ": shape " + ScoreValidation.shape(a) + " has " + rows
                    + " row" + (rows == 1 ? "" : "s") + "; at least " + minRows + " needed");
        }
        checkFinite(option, file, a);
        return a;
    }

    /**
     * The memory store of {@code file}: memory-mapped ({@link MemoryStore#mapNpy}: no copy, opened in
     * O(1), values checked on the first retrieval) when it is a regular file holding a 2-D float32 or
     * float64 array as this machine stores it, else read, converted and checked as {@link #read} does.
     */
    static MemoryStore openStore(String option, Path file, NpyReadOptions options) {
        if (mappable(file)) {
            try {
                return MemoryStore.mapNpy(file);
            } catch (IOException e) {
                throw new UserError(option + " " + file + ": cannot memory-map it: " + e.getMessage(), e);
            }
        }
        return store(option, file, read(option, file, Shape.MEMORIES, options));
    }

    /**
     * {@code store} held as {@code target} (null or its own precision: the store itself, else a new store the
     * caller closes too): rounded to float16 / bfloat16, or a float16 store widened to float32. What the
     * library rejects (values out of range, float64 memories) is reported as a user error naming the file.
     */
    static MemoryStore convertStore(String option, Path file, MemoryStore store, StoragePrecision target) {
        if (target == null || target == store.storagePrecision()) return store;
        try {
            if (target == StoragePrecision.FLOAT32 && store.storagePrecision().isHalf()) {
                return MemoryStore.ofFloat(store.toFloatArray(), store.size(), store.dimension());
            }
            return store.toStoragePrecision(target);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError(option + " " + file + ": --store-precision " + target + ": " + e.getMessage(), e);
        }
    }

    /** Whether mapNpy takes the file as it is; anything else goes the reading path, with its messages. */
    private static boolean mappable(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try {
            NpyLayout layout = NpyLayout.of(file);
            int[] shape = layout.shape();
            return (layout.nativeFloat() != null || layout.isNativeFloat16()) && shape.length == 2 && shape[0] >= 1
                    && shape[1] >= 1;
        } catch (IOException notMappable) {
            return false;   // the reading path reports what is wrong with it
        }
    }

    /**
     * The memory store of an array {@link #read} has checked; whatever the library still rejects
     * comes from the user's file, so it is reported as a user error naming the option and the file.
     */
    static MemoryStore store(String option, Path file, NpyArray memories) {
        try {
            return MemoryStore.of(memories);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A float64 array that is to be used as float32 ({@code why}, e.g. the memories are float32): every
     * value within float32's range, else the first one beyond it with its numpy index, instead of the
     * "Infinity" the conversion would make of it.
     */
    static void checkFitsFloat32(String option, Path file, NpyArray a, String why) {
        if (a.dtype() != NpyDtype.FLOAT64) {
            return;
        }
        DoubleBuffer z = a.doubleBuffer();
        for (int i = 0; i < a.size(); i++) {
            if (Math.abs(z.get(i)) > Float.MAX_VALUE) {
                throw new UserError(option + " " + file + ": element " + ScoreValidation.position(a, i) + " is " + z.get(i)
                        + ", beyond float32's range (+-" + Float.MAX_VALUE + "), and " + why
                        + "; scale the values down or use float64 memories");
            }
        }
    }

    /** Every value finite, else the first bad one with its numpy index. */
    static void checkFinite(String option, Path file, NpyArray a) {
        if (a.dtype() == NpyDtype.FLOAT32) {
            FloatBuffer z = a.floatBuffer();
            for (int i = 0; i < a.size(); i++) {
                if (!Float.isFinite(z.get(i))) {
                    throw notFinite(option, file, a, i, z.get(i));
                }
            }
        } else {
            DoubleBuffer z = a.doubleBuffer();
            for (int i = 0; i < a.size(); i++) {
                if (!Double.isFinite(z.get(i))) {
                    throw notFinite(option, file, a, i, z.get(i));
                }
            }
        }
    }

    private static UserError notFinite(String option, Path file, NpyArray a, int index, double v) {
        String what = Double.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
        return new UserError(option + " " + file + ": element " + ScoreValidation.position(a, index) + " is " + what
                + "; every value must be finite");
    }
}
