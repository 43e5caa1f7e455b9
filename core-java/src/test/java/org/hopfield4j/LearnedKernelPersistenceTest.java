package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpzWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LearnedKernel#save(Path)} / {@link LearnedKernel#load(Path)}: bit-exact round trips of W, the
 * training settings and history in an .npz NumPy reads; damaged files (every truncation, bit flips,
 * a wrong version, checksum or layout) failing with {@link LearnedKernelFormatException}, never loading
 * a different kernel.
 */
class LearnedKernelPersistenceTest {
    @TempDir
    Path dir;

    /** A kernel trained with every setting away from its default (and a seed that needs all 64 bits). */
    static LearnedKernel trained(int epochs) {
        try (MemoryStore store = KernelTrainerTest.randomStore(4, 9, 4, false)) {
            return KernelTrainer.builder().loss(SeparationLoss.MAX).t(1.5).epochs(epochs).learningRate(0.03)
                    .schedule(KernelTrainer.Schedule.CUMULATIVE).optimizer(KernelTrainer.Optimizer.ADAM)
                    .adam(0.8, 0.99, 1e-7).featureDimension(3).seed(-1234567890123456789L).initScale(0.7)
                    .normalizeFeatures(false).normalizeRows(false).build().train(store);
        }
    }

    static void assertSameKernel(LearnedKernel expected, LearnedKernel actual) {
        assertArrayEquals(expected.featureMap(), actual.featureMap());   // bit for bit
        assertEquals(expected.featureDimension(), actual.featureDimension());
        assertEquals(expected.inputDimension(), actual.inputDimension());
        assertEquals(expected.training(), actual.training());
        assertArrayEquals(expected.lossHistory(), actual.lossHistory());
        assertArrayEquals(expected.minDistanceHistory(), actual.minDistanceHistory());
    }

    @Test
    void roundTripIsBitExactIncludingTheTraining() throws IOException {
        LearnedKernel k = trained(5);
        KernelTraining t = k.training().orElseThrow();
        assertEquals(new KernelTraining(SeparationLoss.MAX, 1.5, 5, 0.03, KernelTrainer.Schedule.CUMULATIVE,
                KernelTrainer.Optimizer.ADAM, 0.8, 0.99, 1e-7, OptionalLong.of(-1234567890123456789L), 0.7, false, false), t);
        Path p = dir.resolve("k.npz");
        k.save(p);
        assertSameKernel(k, LearnedKernel.load(p));
        assertFalse(LearnedKernel.load(p).normalizedFeatures(), "trained with normalizeFeatures(false)");

        // W_0 given: no seed, no scale; default settings
        try (MemoryStore store = KernelTrainerTest.randomStore(5, 6, 3, true)) {
            LearnedKernel given = KernelTrainer.builder().epochs(2).build().train(store, new double[] {1, 0, 0, 0, 1, 0}, 2);
            assertEquals(OptionalLong.empty(), given.training().orElseThrow().seed());
            given.save(p);
            assertSameKernel(given, LearnedKernel.load(p));
        }

        // no training at all
        LearnedKernel plain = LearnedKernel.of(new double[] {Double.MIN_VALUE, -Double.MAX_VALUE, 0.1, -0.0}, 2, 2);
        plain.save(p);
        LearnedKernel back = LearnedKernel.load(p);
        assertSameKernel(plain, back);
        assertTrue(back.training().isEmpty());
        assertFalse(back.normalizedFeatures() || back.rowNormalized(), "unknown: false");
    }

    /** What the README documents, so that Python can read and check the file. */
    @Test
    void archiveIsAPlainNpzWithTheDocumentedLayoutAndChecksum() throws IOException {
        LearnedKernel k = trained(3);
        Path p = dir.resolve("k.npz");
        k.save(p);
        try (ZipFile zip = new ZipFile(p.toFile())) {
            assertEquals(List.of("W.npy", "training.npy", "loss_history.npy", "min_distance_history.npy", "metadata.npy"),
                    zip.stream().map(e -> e.getName()).toList());
            NpyArray w = read(zip, "W");
            assertArrayEquals(new int[] {3, 4}, w.shape());
            double[] training = read(zip, "training").doubleData();
            long seed = -1234567890123456789L;
            assertArrayEquals(new double[] {1, 1.5, 3, 0.03, 2, 1, 0.8, 0.99, 1e-7, 1, seed >> 32, seed & 0xFFFFFFFFL, 0.7, 0, 0},
                    training);
            double[] losses = read(zip, "loss_history").doubleData();
            double[] minD = read(zip, "min_distance_history").doubleData();
            assertEquals(4, losses.length);
            double[] meta = read(zip, "metadata").doubleData();
            assertArrayEquals(new double[] {0x48344A4B, 1, 3, 4, 8}, Arrays.copyOf(meta, 5));
            CRC32 crc = new CRC32();
            for (double[] values : List.of(w.doubleData(), training, losses, minD)) {
                ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) b.putDouble(v);
                crc.update(b.array());
            }
            assertEquals(crc.getValue(), (long) meta[5]);
        }
    }

    private static NpyArray read(ZipFile zip, String name) throws IOException {
        return Npy.read(zip.getInputStream(zip.getEntry(name + ".npy")), name);
    }

    /** The values of one member of a saved archive. */
    private static double[] member(Path archive, String name) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return read(zip, name).doubleData();
        }
    }

    @Test
    void wrongVersionAndForeignFilesAreClearErrors() throws IOException {
        assertThrows(NoSuchFileException.class, () -> LearnedKernel.load(dir.resolve("none.npz")));
        LearnedKernel k = LearnedKernel.of(new double[] {1, 2, 3, 4}, 2, 2);
        Path good = dir.resolve("good.npz");
        k.save(good);
        double[] meta = member(good, "metadata");
        double[] v2 = meta.clone();
        v2[1] = 2;
        expectCorrupt("v2", NpzWriter.create().add("W", NpyArray.ofDouble(new double[] {1, 2, 3, 4}, 2, 2))
                .add("metadata", NpyArray.ofDouble(v2, 6)),
                "unsupported learned-kernel format version 2; this version of hopfield4j reads version 1");
        expectCorrupt("checksum", NpzWriter.create().add("W", NpyArray.ofDouble(new double[] {1, 2, 3, 5}, 2, 2))
                .add("metadata", NpyArray.ofDouble(meta, 6)), "checksum mismatch");
        expectCorrupt("extra member", NpzWriter.create().add("W", NpyArray.ofDouble(new double[] {1, 2, 3, 4}, 2, 2))
                .add("metadata", NpyArray.ofDouble(meta, 6)).add("notes", new long[] {1}),
                "unexpected member notes.npy in a learned-kernel archive");

        // a memory store is not a kernel, and the other way round
        Path store = dir.resolve("store.npz");
        try (MemoryStore s = MemoryStore.ofFloat(new float[] {1, 2}, 1, 2)) {
            s.save(store);
        }
        LearnedKernelFormatException e = assertThrows(LearnedKernelFormatException.class, () -> LearnedKernel.load(store));
        assertEquals(store + ": metadata does not start with the learned-kernel magic \"H4JK\", found \"H4JS\"", e.getMessage());
        MemoryStoreFormatException se = assertThrows(MemoryStoreFormatException.class, () -> MemoryStore.load(good));
        assertTrue(se.getMessage().endsWith("memory-store magic \"H4JS\", found \"H4JK\""), se.getMessage());

        Path text = dir.resolve("w.txt");
        Files.writeString(text, "W = [[1]]");
        e = assertThrows(LearnedKernelFormatException.class, () -> LearnedKernel.load(text));
        assertTrue(e.getMessage().contains("not a kernel file: expected a kernel archive (.npz, starting with \"PK\") or a"
                + " .npy array (starting with \\x93NUMPY), found the bytes 57203d205b5b"), e.getMessage());
    }

    /** Hand-made archives whose checksum is right but whose training record is inconsistent. */
    @Test
    void inconsistentTrainingRecordsAreRejected() throws IOException {
        LearnedKernel k = trained(2);
        Path p = dir.resolve("k.npz");
        k.save(p);
        double[] training = member(p, "training");
        double[] badLoss = training.clone();
        badLoss[0] = 3;
        expectTraining("loss code", k, badLoss, k.lossHistory(), k.minDistanceHistory(),
                "training[0] (loss) must be an integer in [0, 2], got 3.0");
        double[] badT = training.clone();
        badT[1] = -1;
        expectTraining("t", k, badT, k.lossHistory(), k.minDistanceHistory(), "t must be finite and > 0, got -1.0");
        expectTraining("history length", k, training, new double[2], k.minDistanceHistory(),
                "loss_history has length 2, expected 3 (epochs + 1)");
        expectTraining("short settings", k, Arrays.copyOf(training, 14), k.lossHistory(), k.minDistanceHistory(),
                "training has length 14, expected 15");
        expectTraining("no history", k, training, null, null,
                "a trained kernel needs all of [training, loss_history, min_distance_history], found only [training]");
    }

    /** An archive of k's W with the given (checksummed) training members; a null history is left out. */
    private void expectTraining(String name, LearnedKernel k, double[] training, double[] losses, double[] minD,
                                String message) throws IOException {
        NpyArray w = NpyArray.ofDouble(k.featureMap(), k.featureDimension(), k.inputDimension());
        CRC32 crc = new CRC32();
        NpzWriter archive = NpzWriter.create().add("W", w);
        for (double[] values : new double[][] {w.doubleData(), training, losses, minD}) {
            if (values == null) continue;
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) b.putDouble(v);
            crc.update(b.array());
        }
        archive.add("training", NpyArray.ofDouble(training, training.length));
        if (losses != null) archive.add("loss_history", NpyArray.ofDouble(losses, losses.length));
        if (minD != null) archive.add("min_distance_history", NpyArray.ofDouble(minD, minD.length));
        double[] meta = {0x48344A4B, 1, k.featureDimension(), k.inputDimension(), 8, crc.getValue()};
        expectCorrupt(name, archive.add("metadata", NpyArray.ofDouble(meta, 6)), message);
    }

    private void expectCorrupt(String name, NpzWriter archive, String message) throws IOException {
        Path p = dir.resolve(name + ".npz");
        archive.write(p);
        LearnedKernelFormatException e = assertThrows(LearnedKernelFormatException.class, () -> LearnedKernel.load(p), name);
        assertTrue(e.getMessage().startsWith(p + ": ") && e.getMessage().contains(message), name + ": " + e.getMessage());
    }

    /**
     * Crash safety without an atomic rename: a save cut after any number of bytes never loads, neither
     * as an archive nor as a plain .npy W.
     */
    @Test
    void everyPrefixOfASavedKernelFailsCleanly() throws IOException {
        LearnedKernel k = trained(2);
        Path archive = dir.resolve("k.npz");
        Path npy = dir.resolve("w.npy");
        k.save(archive);
        k.saveNpy(npy);
        for (Path full : List.of(archive, npy)) {
            byte[] bytes = Files.readAllBytes(full);
            Path cut = dir.resolve("cut-" + full.getFileName());
            for (int n = 0; n < bytes.length; n++) {
                Files.write(cut, Arrays.copyOf(bytes, n));
                try {
                    fail("a save cut after " + n + " of " + bytes.length + " bytes loaded as " + LearnedKernel.load(cut));
                } catch (LearnedKernelFormatException expected) {
                    assertTrue(expected.getMessage().startsWith(cut.toString()), expected.getMessage());
                }
            }
        }
    }

    /** A flipped bit anywhere either fails with LearnedKernelFormatException or changes nothing that is read. */
    @Test
    void bitFlipsNeverLoadADifferentKernel() throws IOException {
        Random rnd = new Random(11);
        LearnedKernel k = trained(3);
        Path full = dir.resolve("k.npz");
        k.save(full);
        BitFlips.assertEveryFlipRejectedOrHarmless(full, rnd, LearnedKernelFormatException.class,
                (corrupted, i) -> assertSameKernel(k, LearnedKernel.load(corrupted)));
    }
}
