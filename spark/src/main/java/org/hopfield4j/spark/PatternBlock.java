package org.hopfield4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.hopfield4j.Precision;

/**
 * One shard of a sharded store: some stored patterns with their global ids, row-major in the store's
 * precision (exactly one of {@code floats} / {@code doubles} is non-null). A shard may be empty. It
 * travels between JVMs (Java serialization) and lives in Spark's block cache on one executor.
 */
final class PatternBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int shard;
    final long[] ids;
    final int d;
    final float[] floats;
    final double[] doubles;

    /** Global id → row, built on first use where the shard lives. */
    private transient volatile Map<Long, Integer> rowOfId;

    private PatternBlock(int shard, long[] ids, int d, float[] floats, double[] doubles) {
        this.shard = shard;
        this.ids = ids;
        this.d = d;
        this.floats = floats;
        this.doubles = doubles;
    }

    static PatternBlock ofFloat(int shard, long[] ids, int d, float[] data) {
        checkLength(ids, d, data.length);
        return new PatternBlock(shard, ids, d, data, null);
    }

    static PatternBlock ofDouble(int shard, long[] ids, int d, double[] data) {
        checkLength(ids, d, data.length);
        return new PatternBlock(shard, ids, d, null, data);
    }

    private static void checkLength(long[] ids, int d, int length) {
        if ((long) ids.length * d != length) {
            throw new IllegalArgumentException("shard data: expected " + ids.length + " x " + d + " values, got " + length);
        }
    }

    int rows() {
        return ids.length;
    }

    Precision precision() {
        return floats != null ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    double get(int row, int j) {
        int k = row * d + j;
        return floats != null ? floats[k] : doubles[k];
    }

    Map<Long, Integer> rowOfId() {
        Map<Long, Integer> map = rowOfId;
        if (map == null) {
            map = new HashMap<>(2 * ids.length);
            for (int i = 0; i < ids.length; i++) map.put(ids[i], i);
            rowOfId = map;
        }
        return map;
    }

    /** All values widened to double, row-major. */
    double[] toDouble() {
        if (doubles != null) return doubles;
        double[] x = new double[floats.length];
        for (int i = 0; i < x.length; i++) x[i] = floats[i];
        return x;
    }
}
