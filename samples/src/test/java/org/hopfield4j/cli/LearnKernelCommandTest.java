package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.SeparationLoss;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learn-kernel} trains what the Java API trains, prints the history, and {@code retrieve --kernel} takes its W. */
class LearnKernelCommandTest {
    static final int M = 16, D = 8;

    @TempDir
    static Path dir;

    static float[] xi;
    static Path memoriesFile;

    @BeforeAll
    static void files() throws IOException {
        xi = NpyFixtures.toFloat(NpyFixtures.gaussian(M * D, 5, 1.0));
        memoriesFile = NpyFixtures.write(dir.resolve("xi.npy"), NpyArray.ofFloat(xi, M, D));
    }

    /** The (epoch, loss, min distance) rows printed after the header line "epoch loss min_distance". */
    static List<double[]> history(String stdout) {
        List<double[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : stdout.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("epoch")) {
                inTable = true;
            } else if (inTable && f.length == 3 && f[0].matches("\\d+")) {
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            } else if (inTable) {
                inTable = false;
            }
        }
        return rows;
    }

    @Test
    void writesTheApisKernelPrintsADecreasingHistoryAndRetrieveAcceptsIt() throws IOException {
        Path w = dir.resolve("w.npy");
        CliRun run = CliRun.run("learn-kernel", "--memories", memoriesFile.toString(), "--epochs", "30", "--lr", "0.05",
                "--t", "2", "--loss", "avg", "--schedule", "constant", "--seed", "3", "--out", w.toString());
        assertEquals(0, run.exitCode(), run::toString);

        List<double[]> h = history(run.out());
        assertEquals(31, h.size(), run::toString);
        for (int i = 0; i < h.size(); i++) {
            assertEquals(i, (int) h.get(i)[0]);
            if (i > 0) assertTrue(h.get(i)[1] < h.get(i - 1)[1], "loss falls at epoch " + i + "\n" + run);
        }
        assertTrue(run.out().startsWith("# learn-kernel: avg loss"), run::toString);
        assertTrue(run.out().contains("-> " + w), run::toString);
        assertTrue(run.err().contains("stage I"), "a progress bar on stderr\n" + run);
        assertFalse(run.err().contains("Exception"), run::toString);

        NpyArray wArray = Npy.read(w);
        assertEquals(NpyDtype.FLOAT64, wArray.dtype());
        assertArrayEquals(new int[] {D, D}, wArray.shape());
        LearnedKernel expected;
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D)) {
            expected = KernelTrainer.builder().epochs(30).learningRate(0.05).t(2).loss(SeparationLoss.AVG)
                    .schedule(KernelTrainer.Schedule.CONSTANT).seed(3).build().train(store);
        }
        assertArrayEquals(expected.featureMap(), wArray.doubleData());
        double[] losses = expected.lossHistory();
        for (int i = 0; i < losses.length; i++) {
            assertEquals(losses[i], h.get(i)[1], 1e-7 * Math.max(1, Math.abs(losses[i])));
            assertEquals(Math.sqrt(expected.minDistanceHistory()[i]), h.get(i)[2], 1e-7);
        }
        double[] wd = wArray.doubleData();
        for (int r = 0; r < D; r++) {   // rows normalised after training (the default)
            double s = 0;
            for (int c = 0; c < D; c++) s += wd[r * D + c] * wd[r * D + c];
            assertEquals(1.0, s, 1e-12);
        }

        CliRun retrieve = CliRun.run("retrieve", "--memories", memoriesFile.toString(), "--queries", memoriesFile.toString(),
                "--map", "sparsemax", "--kernel", w.toString(), "--out", dir.resolve("y.npy").toString());
        assertEquals(0, retrieve.exitCode(), retrieve::toString);
        assertTrue(retrieve.out().contains("kernel " + w), retrieve::toString);
    }

    @Test
    void optionsReachTheTrainer() throws IOException {
        Path w = dir.resolve("w2.npy");
        CliRun run = CliRun.run("learn-kernel", "--memories", memoriesFile.toString(), "--epochs", "6", "--lr", "0.01",
                "--t", "1.5", "--loss", "max", "--schedule", "sqrt", "--optimizer", "adam", "--no-normalize-features",
                "--no-row-normalize", "--seed", "9", "--first-half", "--no-progress", "--out", w.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), "--no-progress: nothing on stderr\n" + run);
        assertTrue(run.out().contains("trained on the first 8 of 16 memories"), run::toString);
        assertEquals(7, history(run.out()).size(), run::toString);
        LearnedKernel expected;
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D)) {
            expected = KernelTrainer.builder().epochs(6).learningRate(0.01).t(1.5).loss(SeparationLoss.MAX)
                    .schedule(KernelTrainer.Schedule.INV_SQRT).optimizer(KernelTrainer.Optimizer.ADAM)
                    .normalizeFeatures(false).normalizeRows(false).seed(9).firstHalf().build().train(store);
        }
        assertArrayEquals(expected.featureMap(), Npy.read(w).doubleData(), Arrays.toString(expected.lossHistory()));
    }

    @Test
    void zeroEpochsWritesTheRowNormalisedInitialW() throws IOException {
        Path w = dir.resolve("w0.npy");
        CliRun run = CliRun.run("learn-kernel", "--memories", memoriesFile.toString(), "--epochs", "0",
                "--schedule", "cumulative", "--out", w.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, history(run.out()).size(), run::toString);
        double[] w0 = KernelTrainer.gaussian(D, D, 0, 1 / Math.sqrt(D));
        KernelTrainer.normalizeRows(w0, D, D);
        assertArrayEquals(w0, Npy.read(w).doubleData(), 1e-15);
    }

    /** --out *.npz: the checksummed archive with the settings; --out *.npy: the same W alone; retrieve reads both. */
    @Test
    void anNpzOutGetsTheKernelArchiveAndRetrieveReadsIt() throws IOException {
        Path archive = dir.resolve("k.npz");
        Path plain = dir.resolve("k.npy");
        for (Path out : List.of(archive, plain)) {
            CliRun run = CliRun.run("learn-kernel", "--memories", memoriesFile.toString(), "--epochs", "4", "--lr", "0.05",
                    "--t", "1.5", "--loss", "dl", "--schedule", "sqrt", "--optimizer", "adam", "--seed", "-7",
                    "--no-progress", "--out", out.toString());
            assertEquals(0, run.exitCode(), run::toString);
            String written = out == archive ? "W 8 x 8 float64 with its training settings, checksummed -> " : "W 8 x 8 float64 -> ";
            assertTrue(run.out().contains(written + out), run::toString);
        }
        LearnedKernel expected;
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D)) {
            expected = KernelTrainer.builder().epochs(4).learningRate(0.05).t(1.5).loss(SeparationLoss.DL)
                    .schedule(KernelTrainer.Schedule.INV_SQRT).optimizer(KernelTrainer.Optimizer.ADAM).seed(-7)
                    .build().train(store);
        }
        LearnedKernel loaded = LearnedKernel.load(archive);
        assertArrayEquals(expected.featureMap(), loaded.featureMap());
        assertEquals(expected.training(), loaded.training());
        assertEquals(OptionalLong.of(-7), loaded.training().orElseThrow().seed());
        assertArrayEquals(expected.lossHistory(), loaded.lossHistory());
        assertArrayEquals(expected.featureMap(), Npy.read(plain).doubleData());

        Path[] states = {dir.resolve("y-archive.npy"), dir.resolve("y-plain.npy")};
        Path[] kernels = {archive, plain};
        for (int i = 0; i < 2; i++) {
            CliRun retrieve = CliRun.run("retrieve", "--memories", memoriesFile.toString(), "--queries",
                    memoriesFile.toString(), "--map", "softmax", "--kernel", kernels[i].toString(), "--out", states[i].toString());
            assertEquals(0, retrieve.exitCode(), retrieve::toString);
        }
        assertArrayEquals(Npy.read(states[1]).floatData(), Npy.read(states[0]).floatData());
    }
}
