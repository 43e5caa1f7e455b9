package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MemoryStore#mapNpy}: a mapped store retrieves exactly what the copied store of the same file
 * retrieves, checks its values on first use rather than on opening, rejects what it cannot map with
 * the file named, unmaps on close, and addresses rows past 2^31 elements (a sparse file: nothing of
 * its 9.4 GB is allocated).
 */
class MemoryStoreMapTest {
    @TempDir
    Path dir;

    @Test
    void mappedStoreRetrievesExactlyAsTheCopiedStore() throws IOException {
        Random rnd = new Random(7);
        int M = 300, d = 24, B = 17;
        float[] xi = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(rnd, M * d, 1));
        float[] x = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(rnd, B * d, 1));
        Path file = dir.resolve("xi.npy");
        Npy.write(file, xi, M, d);
        try (MemoryStore copied = MemoryStore.fromNpy(file); MemoryStore mapped = MemoryStore.mapNpy(file)) {
            assertTrue(mapped.isMapped());
            assertFalse(copied.isMapped());
            assertEquals(M, mapped.size());
            assertEquals(d, mapped.dimension());
            assertEquals(Precision.FLOAT32, mapped.precision());
            assertArrayEquals(xi, mapped.toFloatArray());
            for (MapKind kind : new MapKind[] {MapKind.SOFTMAX, MapKind.SPARSEMAX, MapKind.ENTMAX15}) {
                Retrieval a = retrieve(copied, kind, x, B);
                Retrieval b = retrieve(mapped, kind, x, B);
                assertArrayEquals(a.floatStates(), b.floatStates(), kind + ": states");
                assertArrayEquals(a.weights().indices(), b.weights().indices(), kind + ": supports");
                assertArrayEquals(a.weights().values(), b.weights().values(), kind + ": weights");
            }
        }
    }

    @Test
    void float64FilesMapAsFloat64Stores() throws IOException {
        double[] xi = {1, 2, 3, 4, 5, 6};
        Path file = dir.resolve("xi64.npy");
        Npy.write(file, xi, 2, 3);
        try (MemoryStore mapped = MemoryStore.mapNpy(file)) {
            assertEquals(Precision.FLOAT64, mapped.precision());
            assertArrayEquals(xi, mapped.toDoubleArray());
            assertArrayEquals(new double[] {4, 5, 6}, mapped.pattern(1));
            assertEquals("MemoryStore[M=2, d=3, float64, mapped " + file + "]", mapped.toString());
        }
    }

    private static Retrieval retrieve(MemoryStore store, MapKind kind, float[] x, int B) {
        try (Retriever r = Retriever.builder(store).map(kind.separation(kind.fixedAlpha()))
                .beta(2).steps(3).recordWeights(true).scoreBlock(64).build()) {
            return r.retrieve(x, B);
        }
    }

    @Test
    void valuesAreCheckedOnFirstUseNotOnOpening() throws IOException {
        Path file = dir.resolve("nan.npy");
        Npy.write(file, new float[] {0, 1, 2, 3, 4, Float.NaN}, 2, 3);
        try (MemoryStore store = MemoryStore.mapNpy(file);
             Retriever r = Retriever.builder(store).map(Separation.sparsemax()).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> r.retrieve(new float[] {1, 0, 0}, 1));
            assertEquals("the memory store " + file + " has NaN at (row 1, column 2): expected finite values",
                    e.getMessage());
        }
    }

    @Test
    void closeUnmapsAndLaterUseFails() throws IOException {
        Path file = dir.resolve("xi.npy");
        Npy.write(file, new float[] {1, 0, 0, 1}, 2, 2);
        MemoryStore store = MemoryStore.mapNpy(file);
        Retriever r = Retriever.builder(store).map(Separation.softmax()).build();
        assertEquals(2, r.retrieve(new float[] {1, 0}, 1).floatStates().length);
        store.close();
        assertTrue(store.isFreed(), "unmapped once closed and idle");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.retrieve(new float[] {1, 0}, 1));
        assertEquals(MemoryStore.CLOSED, e.getMessage());
        assertThrows(IllegalStateException.class, () -> store.pattern(0));
        r.close();
    }

    @Test
    void rejectsWhatItCannotMapNamingTheFile() throws IOException {
        Path big = npyFile("big.npy", "'>f4'", "(2, 3)", 24);
        assertTrue(assertThrows(NpyFormatException.class, () -> MemoryStore.mapNpy(big)).getMessage()
                .contains("cannot memory-map float32 data in BIG_ENDIAN byte order"));
        Path bytes = npyFile("u8.npy", "'|u1'", "(2, 3)", 6);
        assertTrue(assertThrows(NpyFormatException.class, () -> MemoryStore.mapNpy(bytes)).getMessage()
                .startsWith(bytes + ": cannot memory-map uint8 data"));
        Path truncated = npyFile("short.npy", "'<f4'", "(2, 3)", 20);
        assertTrue(assertThrows(NpyFormatException.class, () -> MemoryStore.mapNpy(truncated)).getMessage()
                .endsWith("truncated data: expected 24 bytes for shape (2, 3) float32, found 20"));
        Path trailing = npyFile("long.npy", "'<f4'", "(2, 3)", 28);
        assertTrue(assertThrows(NpyFormatException.class, () -> MemoryStore.mapNpy(trailing)).getMessage()
                .contains("4 unexpected bytes after the data"));
        Path vector = npyFile("vec.npy", "'<f4'", "(6,)", 24);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemoryStore.mapNpy(vector)).getMessage()
                .startsWith("memories must be a 2-D array of shape (M, d), got shape [6]"));
        Path empty = npyFile("empty.npy", "'<f4'", "(0, 3)", 0);
        assertEquals("M must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> MemoryStore.mapNpy(empty)).getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> MemoryStore.mapNpy(dir.resolve("missing.npy")));
    }

    @Test
    void storeArchivesMapInPlaceAfterTheirChecksum() throws IOException {
        float[] xi = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(new Random(3), 40 * 5, 1));
        Path file = dir.resolve("store.npz");
        try (MemoryStore s = MemoryStore.ofFloat(xi, 40, 5)) {
            s.save(file);
        }
        try (MemoryStore loaded = MemoryStore.load(file); MemoryStore mapped = MemoryStore.mapNpz(file)) {
            assertTrue(mapped.isMapped());
            assertArrayEquals(xi, mapped.toFloatArray());
            float[] x = java.util.Arrays.copyOf(xi, 3 * 5);
            assertArrayEquals(retrieve(loaded, MapKind.SPARSEMAX, x, 3).floatStates(),
                    retrieve(mapped, MapKind.SPARSEMAX, x, 3).floatStates());
        }
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, floatBytes(xi[7]));
        bytes[at] ^= 1;   // one bit of one value
        Path corrupted = dir.resolve("corrupted.npz");
        Files.write(corrupted, bytes);
        MemoryStoreFormatException e = assertThrows(MemoryStoreFormatException.class, () -> MemoryStore.mapNpz(corrupted));
        assertTrue(e.getMessage().startsWith(corrupted + ": checksum mismatch"), e.getMessage());
        try (MemoryStore unverified = MemoryStore.mapNpz(corrupted, false)) {   // O(1): values not read
            assertEquals(xi[8], unverified.toFloatArray()[8]);
        }
    }

    @Test
    void compressedArchivesAreLoadedNotMapped() throws IOException {
        Path file = dir.resolve("store.npz");
        try (MemoryStore s = MemoryStore.ofFloat(new float[] {1, 2, 3, 4}, 2, 2)) {
            s.save(file);
        }
        Path deflated = dir.resolve("deflated.npz");
        try (var zip = new java.util.zip.ZipFile(file.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(deflated))) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(zip.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
        }
        try (MemoryStore loaded = MemoryStore.load(deflated)) {
            assertArrayEquals(new float[] {1, 2, 3, 4}, loaded.toFloatArray());
        }
        MemoryStoreFormatException e = assertThrows(MemoryStoreFormatException.class, () -> MemoryStore.mapNpz(deflated));
        assertEquals(deflated + ": patterns.npy is compressed: only an uncompressed archive (as save writes it) can be "
                + "memory-mapped; load it, or save it again", e.getMessage());
    }

    private static byte[] floatBytes(float v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("value not found in the file");
    }

    /** Rows 2739138 and on start past 2^31 elements of a (3000000, 784) float32 store. */
    @Test
    void addressesRowsPastTwoToThe31ElementsOfASparseFile() throws IOException {
        int M = 3_000_000, d = 784;
        long elements = (long) M * d;
        assertTrue(elements > Integer.MAX_VALUE);
        Path file = npyFile("huge.npy", "'<f4'", "(" + M + ", " + d + ")", 0);
        long dataOffset = Files.size(file);
        int firstPast = (int) ((1L << 31) / d + 1);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(dataOffset + elements * Float.BYTES);   // sparse: no blocks allocated
            writeRow(raf, dataOffset, firstPast, d, 1.5f);
            writeRow(raf, dataOffset, M - 1, d, -2.25f);
        }
        try (MemoryStore store = MemoryStore.mapNpy(file)) {
            assertEquals(M, store.size());
            assertEquals(elements, store.elements());
            assertEquals(1.5f, store.floatPattern(firstPast)[d - 1]);
            assertEquals(1.5f, store.floatPattern(firstPast)[0]);
            assertEquals(0f, store.floatPattern(firstPast - 1)[d - 1]);
            assertEquals(-2.25f, store.floatPattern(M - 1)[d - 1]);
            IllegalStateException e = assertThrows(IllegalStateException.class, store::toFloatArray);
            assertEquals("this memory store has M * d = 3000000 * 784 = 2352000000 values, more than a Java array"
                    + " holds (2147483639); read it by pattern(i)", e.getMessage());
        }
    }

    private static void writeRow(RandomAccessFile raf, long dataOffset, int row, int d, float value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(d * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < d; j++) b.putFloat(value);
        raf.seek(dataOffset + (long) row * d * Float.BYTES);
        raf.write(b.array());
    }

    /** A version 1.0 .npy file with this descr and shape (padded to 64 bytes) and {@code dataBytes} zero bytes. */
    private Path npyFile(String name, String descr, String shape, int dataBytes) throws IOException {
        String dict = "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }";
        int headerLength = 64 - 10;
        while (dict.length() + 1 > headerLength) headerLength += 64;
        String header = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + headerLength + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) headerLength).put(header.getBytes(StandardCharsets.ISO_8859_1));
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }
}
