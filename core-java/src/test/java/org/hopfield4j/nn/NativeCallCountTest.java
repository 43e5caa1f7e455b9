package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.internal.NativeCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Every native entry of the layers is counted once: the validation tests' "rejected before native
 * code" (an unchanged {@link NativeCalls#count()}) would prove nothing for an entry that is not counted.
 */
class NativeCallCountTest {
    @Test
    void eachDifferentiableKernelCallCountsOnce() {
        Association a = Association.of(Separation.softmax(), new Association.Shape(1, 2, 3, 2, 2));
        double[] q = {1, 0, 0, 1}, k = {1, 2, 3, 4, 5, 6};
        AssociationForward<double[]> f = countsOne(() -> a.forward(q, k, k, 1.0));
        assertCountsOne(() -> f.backward(new double[] {1, 0, 0, 1}));
        assertCountsOne(() -> FenchelYoungLoss.of(Separation.sparsemax()).compute(new double[] {1, 2, 3}, new int[] {0}, 1, 3));
        try (MemoryStore store = MemoryStore.ofDouble(k, 3, 2);
             Retriever r = Retriever.builder(store).map(Separation.softmax()).steps(2).build()) {
            RetrievalGradient g = RetrievalGradient.of(r);
            assertCountsOne(() -> g.vjp(q, 2, q));
        }
    }

    @Test
    void eachLayerProductAndFloat32LayerNormCountsOnce() {
        for (Precision precision : Precision.values()) {
            Linear linear = new Linear(3, 2, true, 1, precision);
            Batch x = Batch.rows(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
            assertCountsOne(() -> linear.forward(x, false));
        }
        LayerNorm norm = new LayerNorm(3);
        float[] x = {1, 2, 4}, y = new float[3], dx = new float[3];
        double[] stats = new double[2];
        assertCountsOne(() -> norm.forwardFloat(x, 1, stats, y));
        assertCountsOne(() -> norm.backwardFloat(x, new float[] {1, 0, 0}, 1, stats, dx));
    }

    private static void assertCountsOne(Executable call) {
        countsOne(() -> {
            call.execute();
            return null;
        });
    }

    private static <T> T countsOne(ThrowingSupplier<T> call) {
        long before = NativeCalls.count();
        T result;
        try {
            result = call.get();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        assertEquals(before + 1, NativeCalls.count(), "one native call");
        return result;
    }
}
