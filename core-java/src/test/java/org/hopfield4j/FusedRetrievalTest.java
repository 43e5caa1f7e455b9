package org.hopfield4j;

import static org.hopfield4j.RetrievalFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.hopfield4j.RetrievalFixtures.MapCase;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.junit.jupiter.api.Test;

/**
 * Shapes the native engine computes on its fused path (retrieval_fused.hpp: B >= 32, M >= 512, d <= 512,
 * alpha-entmax only on the register tiles) equal the float64 reference: M = 600 and B = 40 are not multiples of the
 * 512 x 512 tile, and half of the patterns repeat the other half (exact ties across tiles). Each
 * result says which path computed it ({@link Retrieval#scorePath()}), and it is the one the engine's
 * rule gives: the register tiles for the candidate maps' and softmax's float32 dot and kernel scores on
 * an AVX-512F CPU (softmax: its flash pass), the OpenBLAS tiles otherwise, and the blocked path for
 * alpha-entmax off the register tiles and for small batches.
 */
class FusedRetrievalTest {
    static final int M = 600, d = 6, B = 40, D = 5;

    @Test
    void fusedShapesEqualTheReference() {
        Random rnd = new Random(17);
        double[] xi = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, M * d, 1));
        System.arraycopy(xi, 0, xi, M / 2 * d, M / 2 * d);   // pattern mu + M/2 = pattern mu
        double[] w = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, D * d, 1 / Math.sqrt(D)));
        double[] q = RetrievalFixtures.floatRounded(RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B, 0.5));
        for (Precision precision : Precision.values()) {
            try (MemoryStore store = RetrievalFixtures.store(precision, xi, M, d)) {
                for (MapCase map : RetrievalFixtures.MAPS) {
                    for (Similarity.Kind sim : new Similarity.Kind[] {Similarity.Kind.DOT, Similarity.Kind.KERNEL,
                            Similarity.Kind.NEGATIVE_L2, Similarity.Kind.COSINE}) {
                        String what = map + " " + sim + " " + precision;
                        boolean energies = map.hasEnergy() && sim.hasEnergy();
                        ReferenceRetrieval.Result expected = RetrievalFixtures.similarity(
                                map.apply(ReferenceRetrieval.of(xi, M, d)).beta(0.4).steps(1), sim, w, D)
                                .retrieve(q, B);
                        try (Retriever r = map.apply(Retriever.builder(store)).beta(0.4).steps(1)
                                .similarity(RetrievalFixtures.similarity(sim, w, D, d))
                                .recordEnergies(energies).build()) {
                            Retrieval got = RetrievalFixtures.retrieve(r, q, B);
                            double tol = precision == Precision.FLOAT32 ? 1e-4 : 1e-10;
                            assertClose(expected.states(), RetrievalFixtures.states(got), tol, what);
                            assertArrayEquals(expected.steps(), got.steps(), what);
                            assertEquals(expectedPath(map, sim, precision), got.scorePath(), what);
                            if (energies) assertClose(expected.energyAfter(), got.energyAfter(), tol, what);
                        }
                    }
                }
            }
        }
    }

    /** Small batches and recorded softmax weights keep the blocked path; the path is that of the batch's first step. */
    @Test
    void blockedWhereTheTilesDoNotPay() {
        Random rnd = new Random(5);
        double[] xi = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, M * d, 1));
        double[] q = RetrievalFixtures.floatRounded(RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B, 0.5));
        try (MemoryStore store = RetrievalFixtures.store(Precision.FLOAT32, xi, M, d);
             Retriever sparse = Retriever.builder(store).map(Separation.sparsemax()).beta(0.4).build();
             Retriever softmax = Retriever.builder(store).map(Separation.softmax()).beta(0.4).recordWeights(true)
                     .build()) {
            assertEquals(ScorePath.BLOCKED, RetrievalFixtures.retrieve(sparse, java.util.Arrays.copyOf(q, 8 * d), 8).scorePath(), "B = 8");
            assertEquals(AVX512F ? ScorePath.REGISTERS : ScorePath.FUSED,
                    RetrievalFixtures.retrieve(sparse, q, B).scorePath(), "B = 40");
            assertEquals(ScorePath.BLOCKED, RetrievalFixtures.retrieve(softmax, q, B).scorePath(), "recorded softmax");
        }
    }

    /** Whether the CPU has AVX-512F (Linux: /proc/cpuinfo; elsewhere the register tiles never run). */
    static final boolean AVX512F = cpuFlag("avx512f");

    private static boolean cpuFlag(String flag) {
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (!System.getProperty("os.arch").equals("amd64") || !Files.isReadable(info)) return false;
            return Files.readAllLines(info).stream()
                    .anyMatch(l -> l.startsWith("flags") && (" " + l + " ").contains(" " + flag + " "));
        } catch (IOException e) {
            return false;
        }
    }

    /** The rule of pass_path (retrieval_fused.hpp) for this test's shape (B = 40, M = 600, d = 6). */
    private static ScorePath expectedPath(MapCase map, Similarity.Kind sim, Precision precision) {
        MapKind kind = map.map() == null ? MapKind.POLY : map.map().kind();
        boolean registerKernel = kind != MapKind.POLY;   // the candidate pass, or softmax's flash pass
        boolean registers = registerKernel && precision == Precision.FLOAT32 && AVX512F
                && (sim == Similarity.Kind.DOT || sim == Similarity.Kind.KERNEL);
        if (registers) return ScorePath.REGISTERS;
        return kind == MapKind.ENTMAX ? ScorePath.BLOCKED : ScorePath.FUSED;   // alpha-entmax: fused only on registers
    }
}
