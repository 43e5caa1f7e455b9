package org.hopfield4j.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hopfield4j.MemoryStore;

/**
 * The replicated stores an executor JVM has opened, one per {@link StoreSource#key()}, shared by every
 * task the executor runs (docs/spark.md#native-memory). A store is opened by the first task that needs
 * it and is never closed by a task: other tasks on the same executor may be retrieving from it at that
 * moment, and the next job would have to read it again. It is closed when the executor JVM shuts down
 * (one shutdown hook), or by {@link #closeAll()}; its own Cleaner frees it should both be skipped.
 */
final class ExecutorStores {
    private static final Map<String, MemoryStore> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorStores::closeAll, "hopfield4j-executor-stores"));
    }

    private ExecutorStores() {}

    /** The store of {@code source}, opened now if this JVM has not opened it yet. */
    static MemoryStore get(StoreSource source) {
        return OPEN.computeIfAbsent(source.key(), key -> source.open());
    }

    /** Closes every store this JVM opened (a retrieval still running finishes first: MemoryStore's own guarantee). */
    static void closeAll() {
        OPEN.values().removeIf(store -> {
            store.close();
            return true;
        });
    }

    static int openCount() {
        return OPEN.size();
    }
}
