package org.hopfield4j.spark;

import java.io.Serializable;
import org.hopfield4j.MapKind;
import org.hopfield4j.Separation;

/**
 * The separation map of a sharded retrieval as executors get it (a {@link Separation} stays on the
 * driver): softmax, or a map of the α-entmax family (sparsemax, 1.5-entmax, α-entmax), the maps whose
 * support merges exactly across shards (docs/spark.md#exact-merge).
 */
record MapSpec(MapKind kind, double alpha) implements Serializable {

    static MapSpec of(RetrievalSpec settings) {
        MapKind kind = settings.map();
        if (kind != MapKind.SOFTMAX && kind != MapKind.SPARSEMAX && kind != MapKind.ENTMAX15 && kind != MapKind.ENTMAX) {
            throw new IllegalArgumentException("map: a sharded store merges softmax, sparsemax, entmax15 and entmax "
                    + "exactly; got " + settings.retrievalMap().name() + " (use the replicated store, --shards 0)");
        }
        return new MapSpec(kind, settings.retrievalMap().alpha());
    }

    boolean isSoftmax() {
        return kind == MapKind.SOFTMAX;
    }

    Separation separation() {
        return kind.separation(alpha);
    }
}
