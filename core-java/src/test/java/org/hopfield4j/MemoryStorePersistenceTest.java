package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpzWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MemoryStore#save(Path)} / {@link MemoryStore#load(Path)}: exact round trips in an .npz that
 * NumPy can read, atomic replacement, and damaged files (every truncation, bit flips, a wrong
 * checksum, version or shape) failing with {@link MemoryStoreFormatException}, never loading wrong data.
 */
class MemoryStorePersistenceTest {
    @TempDir
    Path dir;

    private static float[] floats(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    @Test
    void roundTripsBothPrecisionsExactly() throws IOException {
        Random rnd = new Random(3);
        float[] f = floats(rnd, 7 * 5);
        double[] d = RetrievalFixtures.gaussian(rnd, 4 * 9, 1e-3);
        d[0] = Double.MIN_VALUE;
        d[1] = -Double.MAX_VALUE / 2;
        try (MemoryStore a = MemoryStore.ofFloat(f, 7, 5); MemoryStore b = MemoryStore.ofDouble(d, 4, 9)) {
            a.save(dir.resolve("a.npz"));
            b.save(dir.resolve("b.npz"));
            try (MemoryStore a2 = MemoryStore.load(dir.resolve("a.npz")); MemoryStore b2 = MemoryStore.load(dir.resolve("b.npz"))) {
                assertEquals(Precision.FLOAT32, a2.precision());
                assertEquals(7, a2.size());
                assertEquals(5, a2.dimension());
                assertArrayEquals(f, a2.toFloatArray());
                assertEquals(Precision.FLOAT64, b2.precision());
                assertArrayEquals(d, b2.toDoubleArray());
            }
        }
    }

    @Test
    void archiveIsAPlainNpzWithDocumentedMembers() throws IOException {
        float[] f = {1, 2, 3, 4, 5, 6};
        Path p = dir.resolve("s.npz");
        try (MemoryStore s = MemoryStore.ofFloat(f, 2, 3)) {
            s.save(p);
        }
        try (ZipFile zip = new ZipFile(p.toFile())) {
            NpyArray patterns = Npy.read(zip.getInputStream(zip.getEntry("patterns.npy")), "patterns");
            assertArrayEquals(new int[] {2, 3}, patterns.shape());
            assertArrayEquals(f, patterns.floatData());
            double[] meta = Npy.read(zip.getInputStream(zip.getEntry("metadata.npy")), "metadata").doubleData();
            assertEquals(6, meta.length);
            assertEquals(0x48344A53, meta[0]);
            assertEquals(MemoryStore.FORMAT_VERSION, meta[1]);
            assertArrayEquals(new double[] {2, 3, 4}, Arrays.copyOfRange(meta, 2, 5));
        }
    }

    @Test
    void saveReplacesAtomicallyAndRefusesAClosedStore() throws IOException {
        Path p = dir.resolve("s.npz");
        try (MemoryStore one = MemoryStore.ofFloat(new float[] {1, 2}, 1, 2);
             MemoryStore two = MemoryStore.ofFloat(new float[] {3, 4, 5, 6}, 2, 2)) {
            one.save(p);
            two.save(p);
        }
        try (MemoryStore back = MemoryStore.load(p)) {
            assertArrayEquals(new float[] {3, 4, 5, 6}, back.toFloatArray());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        MemoryStore closed = MemoryStore.ofFloat(new float[] {1}, 1, 1);
        closed.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.save(dir.resolve("c.npz")));
        assertEquals("memory store is closed", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("c.npz")));
    }

    @Test
    void missingFileAndNonArchivesAreClearErrors() throws IOException {
        assertThrows(NoSuchFileException.class, () -> MemoryStore.load(dir.resolve("none.npz")));
        Path npy = dir.resolve("plain.npy");
        Npy.write(npy, new float[] {1, 2}, 1, 2);
        MemoryStoreFormatException e = assertThrows(MemoryStoreFormatException.class, () -> MemoryStore.load(npy));
        assertTrue(e.getMessage().startsWith(npy.toString()) && e.getMessage().contains("not a readable memory-store archive"),
                e.getMessage());
    }

    /** Archives written by hand that are well-formed ZIPs but inconsistent. */
    @Test
    void inconsistentArchivesAreRejected() throws IOException {
        float[] f = {1, 2, 3, 4};
        Path good = dir.resolve("good.npz");
        try (MemoryStore s = MemoryStore.ofFloat(f, 2, 2)) {
            s.save(good);
        }
        double[] meta;
        try (ZipFile zip = new ZipFile(good.toFile())) {
            meta = Npy.read(zip.getInputStream(zip.getEntry("metadata.npy")), "m").doubleData();
        }
        expectCorrupt("checksum", NpzWriter.create().add("patterns", NpyArray.ofFloat(new float[] {1, 2, 3, 5}, 2, 2))
                .add("metadata", NpyArray.ofDouble(meta, 6)), "checksum mismatch");
        double[] v2 = meta.clone();
        v2[1] = 2;
        expectCorrupt("version", NpzWriter.create().add("patterns", NpyArray.ofFloat(f, 2, 2))
                .add("metadata", NpyArray.ofDouble(v2, 6)), "unsupported memory-store format version 2; this version of hopfield4j reads version 1");
        expectCorrupt("shape", NpzWriter.create().add("patterns", NpyArray.ofFloat(f, 1, 4))
                .add("metadata", NpyArray.ofDouble(meta, 6)), "but the metadata says (2, 2)");
        expectCorrupt("precision", NpzWriter.create().add("patterns", NpyArray.ofDouble(new double[] {1, 2, 3, 4}, 2, 2))
                .add("metadata", NpyArray.ofDouble(meta, 6)), "with 4 bytes per element");
        expectCorrupt("no metadata", NpzWriter.create().add("patterns", NpyArray.ofFloat(f, 2, 2)), "missing member metadata.npy");
        double[] magic = meta.clone();
        magic[0] = 1;
        expectCorrupt("magic", NpzWriter.create().add("patterns", NpyArray.ofFloat(f, 2, 2))
                .add("metadata", NpyArray.ofDouble(magic, 6)), "memory-store magic");
    }

    private void expectCorrupt(String name, NpzWriter archive, String message) throws IOException {
        Path p = dir.resolve(name + ".npz");
        archive.write(p);
        MemoryStoreFormatException e = assertThrows(MemoryStoreFormatException.class, () -> MemoryStore.load(p), name);
        assertTrue(e.getMessage().contains(message), name + ": " + e.getMessage());
    }

    /**
     * Crash safety: a save interrupted after any number of bytes (simulated by writing a prefix of
     * the complete file) never loads: every prefix of a small store, and random prefixes of a larger one.
     */
    @Test
    void everyInterruptedSaveFailsCleanly() throws IOException {
        Random rnd = new Random(5);
        checkPrefixes(MemoryStore.ofFloat(floats(rnd, 6 * 4), 6, 4), null);
        checkPrefixes(MemoryStore.ofDouble(RetrievalFixtures.gaussian(rnd, 300 * 40, 1), 300, 40), rnd);
    }

    private void checkPrefixes(MemoryStore store, Random offsets) throws IOException {
        Path full = dir.resolve("full.npz");
        try (store) {
            store.save(full);
        }
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.npz");
        int trials = offsets == null ? bytes.length : 400;
        for (int t = 0; t < trials; t++) {
            int n = offsets == null ? t : offsets.nextInt(bytes.length);
            Files.write(cut, Arrays.copyOf(bytes, n));
            try (MemoryStore loaded = MemoryStore.load(cut)) {
                fail("a save cut after " + n + " of " + bytes.length + " bytes loaded as " + loaded);
            } catch (MemoryStoreFormatException expected) {
                assertTrue(expected.getMessage().startsWith(cut.toString()), expected.getMessage());
            }
        }
    }

    /** Bit flips anywhere either fail with MemoryStoreFormatException or leave the values intact (e.g. a timestamp). */
    @Test
    void bitFlipsNeverLoadWrongData() throws IOException {
        Random rnd = new Random(7);
        float[] f = floats(rnd, 20 * 8);
        Path full = dir.resolve("full.npz");
        try (MemoryStore s = MemoryStore.ofFloat(f, 20, 8)) {
            s.save(full);
        }
        BitFlips.assertEveryFlipRejectedOrHarmless(full, rnd, MemoryStoreFormatException.class, (corrupted, i) -> {
            try (MemoryStore loaded = MemoryStore.load(corrupted)) {
                assertEquals(20, loaded.size(), "flip at byte " + i);
                assertArrayEquals(f, loaded.toFloatArray(), "flip at byte " + i + " loaded different values");
            }
        });
    }
}
