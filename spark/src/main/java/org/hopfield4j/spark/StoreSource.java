package org.hopfield4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;

/**
 * Where each executor gets the replicated store from (docs/spark.md#replicated): a .npy file at a path
 * every executor sees (a shared file system), or the patterns shipped once per executor by a Spark
 * broadcast. Executors open it through {@link ExecutorStores}, once per JVM.
 */
public abstract class StoreSource implements Serializable {
    private static final long serialVersionUID = 1L;

    private StoreSource() {}

    /** A 2-D float32/float64 .npy file (M, d) at {@code path} on every executor. */
    public static StoreSource npy(String path) {
        if (path == null) throw new NullPointerException("path");
        return new NpyFile(path);
    }

    /** The patterns of {@code store}, copied once and broadcast (each executor receives them once). */
    public static StoreSource broadcast(JavaSparkContext sc, MemoryStore store) {
        int M = store.size(), d = store.dimension();
        PatternBlock block = store.precision() == Precision.FLOAT32
                ? PatternBlock.ofFloat(0, new long[M], d, store.toFloatArray())
                : PatternBlock.ofDouble(0, new long[M], d, store.toDoubleArray());
        return new Broadcasted(sc.broadcast(block));
    }

    /** The key of this store in an executor's cache (same key: same patterns). */
    abstract String key();

    /** Opens a new native store of these patterns (the cache owns and closes it). */
    abstract MemoryStore open();

    private static final class NpyFile extends StoreSource {
        private static final long serialVersionUID = 1L;
        private final String path;

        NpyFile(String path) {
            this.path = path;
        }

        @Override
        String key() {
            try {
                Path p = Path.of(path);
                // a rewritten file is a new store
                return "npy:" + p.toAbsolutePath() + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": cannot open the store on this executor: " + e.getMessage(), e);
            }
        }

        @Override
        MemoryStore open() {
            try {
                return MemoryStore.fromNpy(Path.of(path));
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": cannot read the store on this executor: " + e.getMessage(), e);
            }
        }
    }

    private static final class Broadcasted extends StoreSource {
        private static final long serialVersionUID = 1L;
        private final Broadcast<PatternBlock> patterns;

        Broadcasted(Broadcast<PatternBlock> patterns) {
            this.patterns = patterns;
        }

        @Override
        String key() {
            return "broadcast:" + patterns.id();
        }

        @Override
        MemoryStore open() {
            PatternBlock b = patterns.value();
            return b.floats != null ? MemoryStore.ofFloat(b.floats, b.rows(), b.d) : MemoryStore.ofDouble(b.doubles, b.rows(), b.d);
        }
    }
}
