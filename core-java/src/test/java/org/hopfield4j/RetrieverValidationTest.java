package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hopfield4j.internal.NativeCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input fails with the right exception and message before any native code runs. */
class RetrieverValidationTest {
    static final int M = 3, d = 2;
    static MemoryStore f32;
    static MemoryStore f64;
    static MemoryStore closedStore;
    static MemoryStore wide;
    static MemoryStore huge;

    @BeforeAll
    static void stores() {
        f32 = MemoryStore.ofFloat(new float[] {1, 0, 0, 1, 1, 1}, M, d);
        f64 = MemoryStore.ofDouble(new double[] {1, 0, 0, 1, 1, 1}, M, d);
        closedStore = MemoryStore.ofFloat(new float[] {1, 2}, 1, 2);
        wide = MemoryStore.ofFloat(new float[1_000_000], 1_000_000, 1);
        huge = MemoryStore.ofFloat(new float[] {1e30f, 0, 0, 1}, 2, d);
    }

    @AfterAll
    static void close() {
        f32.close();
        f64.close();
        wide.close();
        huge.close();
    }

    record Bad(String name, Class<? extends Throwable> type, String message, Runnable call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Retriever.Builder sparse(MemoryStore s) {
        return Retriever.builder(s).map(Separation.sparsemax());
    }

    static Stream<Arguments> cases() {
        List<Bad> c = new ArrayList<>();
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        Class<IllegalStateException> ise = IllegalStateException.class;
        float[] ok = {1, 0};
        // ---- lifecycle
        c.add(new Bad("closed store", ise, "memory store is closed", () -> {
            Retriever r = sparse(closedStore).build();
            closedStore.close();
            r.retrieve(new float[] {1, 2}, 1);
        }));
        c.add(new Bad("closed retriever", ise, "retriever is closed", () -> {
            Retriever r = sparse(f32).build();
            r.close();
            r.retrieve(ok, 1);
        }));
        Retriever kernel = sparse(f32).similarity(Similarity.kernel(new float[] {1, 0, 0, 1}, 2, 2)).build();
        kernel.close();   // built (two native matrix products) before the count is taken
        c.add(new Bad("closed kernel retriever energy", ise, "retriever is closed", () -> kernel.energy(ok, 1)));
        c.add(new Bad("no map", ise, "no separation map", () -> Retriever.builder(f32).build()));
        // ---- queries
        c.add(new Bad("double queries, float32 store", iae, "precision mismatch: queries are float64",
                () -> sparse(f32).build().retrieve(new double[] {1, 0}, 1)));
        c.add(new Bad("float queries, float64 store", iae, "but the memory store is float64; pass double[]",
                () -> sparse(f64).build().retrieve(ok, 1)));
        c.add(new Bad("wrong length", iae, "queries has length 3, expected 4 (B * d = 2 * 2)",
                () -> sparse(f32).build().retrieve(new float[3], 2)));
        c.add(new Bad("B < 0", iae, "B must be >= 0, got -1", () -> sparse(f32).build().retrieve(ok, -1)));
        c.add(new Bad("null queries", NullPointerException.class, "queries must not be null",
                () -> sparse(f32).build().retrieve((float[]) null, 1)));
        c.add(new Bad("NaN query", iae, "queries has NaN at (row 1, column 0)",
                () -> sparse(f32).build().retrieve(new float[] {1, 2, Float.NaN, 0}, 2)));
        c.add(new Bad("infinite query (float64)", iae, "queries has -Infinity at (row 0, column 1)",
                () -> sparse(f64).build().retrieve(new double[] {1, Double.NEGATIVE_INFINITY}, 1)));
        c.add(new Bad("query overflowing float32 scores", iae, "queries row 0 is too large",
                () -> sparse(f32).build().retrieve(new float[] {3e37f, 3e37f}, 1)));
        // Found by RetrieverFuzzTest: a small query passed, then the state after one step (a stored pattern
        // of norm 1e30) gave float32 scores of 1e60.
        // Issue #18: the store is blamed, not the query row.
        c.add(new Bad("stored pattern overflowing float32 scores after a step", iae,
                "the memory store's patterns are too large: after a step",
                () -> sparse(huge).steps(2).build().retrieve(new float[] {1e-30f, 0}, 1)));
        // Found by RetrieverFuzzTest: a tiny beta kept beta * s small, but s itself (1e60) overflowed float32.
        c.add(new Bad("unscaled scores overflowing float32 under a tiny beta", iae,
                "the memory store's patterns are too large: after a step",
                () -> sparse(huge).beta(1e-30).steps(2).build().retrieve(new float[] {1e-30f, 0}, 1)));
        c.add(new Bad("NaN query to energy()", iae, "queries has NaN at (row 0, column 1)",
                () -> sparse(f64).build().energy(new double[] {0, Double.NaN}, 1)));
        // ---- settings
        c.add(new Bad("beta 0", iae, "beta must be finite and > 0, got 0.0", () -> sparse(f32).beta(0)));
        c.add(new Bad("beta negative", iae, "beta must be finite and > 0, got -1.0", () -> sparse(f32).beta(-1)));
        c.add(new Bad("beta NaN", iae, "beta must be finite and > 0, got NaN", () -> sparse(f32).beta(Double.NaN)));
        c.add(new Bad("beta infinite", iae, "got Infinity", () -> sparse(f32).beta(Double.POSITIVE_INFINITY)));
        c.add(new Bad("steps < 0", iae, "steps must be >= 0, got -1", () -> sparse(f32).steps(-1)));
        c.add(new Bad("eps < 0", iae, "eps must be finite and >= 0, got -1.0E-9", () -> sparse(f32).eps(-1e-9)));
        c.add(new Bad("eps NaN", iae, "eps must be finite and >= 0, got NaN", () -> sparse(f32).eps(Double.NaN)));
        c.add(new Bad("block 0", iae, "scoreBlock must be >= 1, got 0", () -> sparse(f32).scoreBlock(0)));
        c.add(new Bad("poly degree 0", iae, "polynomial degree n must be finite and > 0, got 0.0",
                () -> Retriever.builder(f32).polynomial(0)));
        c.add(new Bad("per-row entmax", iae, "has one alpha per row",
                () -> Retriever.builder(f32).map(Separation.entmaxPerRow(1.5, 2))));
        c.add(new Bad("null map", NullPointerException.class, "map must not be null", () -> Retriever.builder(f32).map(null)));
        c.add(new Bad("null store", NullPointerException.class, "store must not be null", () -> Retriever.builder(null)));
        // ---- kernel
        c.add(new Bad("kernel W wrong columns", iae, "kernel W has 3 columns but the memory store has dimension d = 2",
                () -> sparse(f32).similarity(Similarity.kernel(new float[6], 2, 3)).build()));
        c.add(new Bad("kernel W wrong length", iae, "W has length 5, expected 6",
                () -> Similarity.kernel(new float[5], 2, 3)));
        c.add(new Bad("kernel W NaN", iae, "W has NaN at (row 1, column 1)",
                () -> Similarity.kernel(new double[] {1, 0, 0, Double.NaN}, 2, 2)));
        c.add(new Bad("kernel W no rows", iae, "W rows D must be >= 1, got 0", () -> Similarity.kernel(new float[0], 0, 2)));
        c.add(new Bad("kernel keys wrong M", iae, "kernel keys A have 2 rows but the memory store has M = 3",
                () -> sparse(f32).similarity(Similarity.kernelKeys(new float[4], 2, 2)).build()));
        c.add(new Bad("kernel W overflowing float32", iae, "W rounded to float32 has Infinity at (row 0, column 0)",
                () -> sparse(f32).similarity(Similarity.kernel(new double[] {1e39, 0, 0, 1}, 2, 2)).build()));
        // ---- energies and weights
        c.add(new Bad("energies with L2", iae, "energies need the dot similarity or a kernel with W, not l2",
                () -> sparse(f32).similarity(Similarity.negativeL2()).recordEnergies(true).build()));
        c.add(new Bad("energies with L1", iae, "not manhattan",
                () -> sparse(f32).similarity(Similarity.negativeManhattan()).recordEnergies(true).build()));
        c.add(new Bad("energies with poly", iae, "energies are not defined for poly-10.0",
                () -> Retriever.builder(f32).polynomial(10).recordEnergies(true).build()));
        c.add(new Bad("energies with kernel keys but no W", iae, "precomputed keys without W",
                () -> sparse(f32).similarity(Similarity.kernelKeys(new float[6], 3, 2)).recordEnergies(true).build()));
        c.add(new Bad("energy() with L2", ise, "no energy for this retriever",
                () -> sparse(f32).similarity(Similarity.negativeL2()).build().energy(ok, 1)));
        c.add(new Bad("softmax weights beyond a Java array", iae, "softmax weights of B * M = 2200 * 1000000",
                () -> Retriever.builder(wide).map(Separation.softmax()).recordWeights(true).build()
                        .retrieve(new float[2200], 2200)));
        return c.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedBeforeNativeCode(Bad bad) {
        Rejections.assertRejectedBeforeNative(bad.type(), bad.message(), bad.call()::run, bad.name());
    }

    @org.junit.jupiter.api.Test
    void theMatrixIsLarge() {
        assertTrue(cases().count() >= 15);
    }

    /** Patterns whose unnormalised running sum (M * max|xi|) overflows float32 are rejected before a step. */
    @org.junit.jupiter.api.Test
    void patternsTooLargeToAccumulateAreRejected() {
        float big = 3.0e38f;
        try (MemoryStore store = MemoryStore.ofFloat(new float[] {big, big, 1}, 3, 1);
             // a tiny kernel keeps the scores small: only the accumulation of the patterns overflows
             Retriever r = Retriever.builder(store).map(Separation.softmax())
                     .similarity(Similarity.kernel(new double[] {1e-30, 0, 0}, 3, 1)).build()) {
            long before = NativeCalls.count();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> r.retrieve(new float[] {0}, 1));
            assertTrue(e.getMessage().contains("M * max|pattern|"), e.getMessage());
            assertEquals(before, NativeCalls.count());
        }
    }
}
