package org.hopfield4j.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.Test;

/**
 * Writes the hand-made seed inputs of the loader fuzz tests into {@code src/test/resources}: valid
 * files of every supported kind (so the fuzzer starts past the magic and the header grammar) and the
 * classic ways a file goes wrong. Not a regular test (its name does not match the surefire
 * includes); run it after changing a seed:
 * {@code mvn -B -q surefire:test -pl core-java -Dtest=SeedCorpusWriter}.
 */
class SeedCorpusWriter {

    private static final Path RESOURCES = Path.of("src/test/resources/org/hopfield4j");
    private static final Path NPY_SEEDS = RESOURCES.resolve("io/NpyReadFuzzTestInputs/readArbitraryBytes");
    private static final Path STORE_SEEDS = RESOURCES.resolve("MemoryStoreLoadFuzzTestInputs/loadArbitraryBytes");
    private static final Path MAP_SEEDS = RESOURCES.resolve("MemoryStoreMapFuzzTestInputs/mapArbitraryBytes");
    private static final Path IDX_SEEDS = RESOURCES.resolve("data/IdxReadFuzzTestInputs/readArbitraryBytes");

    /** numpy's header of a C-ordered array, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (3,), }. */
    private static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    @Test
    void writeNpySeeds() throws IOException {
        Files.createDirectories(NPY_SEEDS);
        byte[] matrixF8 = doubles(ByteOrder.LITTLE_ENDIAN, 0.5, -1e300, Double.POSITIVE_INFINITY, 4.9e-324, -0.0, 6);
        byte[] validF8 = npy(1, dict("<f8", "(2, 3)"), matrixF8);

        seed(NPY_SEEDS, "le-f4-vector.npy", npy(1, dict("<f4", "(3,)"), floats(ByteOrder.LITTLE_ENDIAN, 1, -2.5f, Float.NaN)));
        seed(NPY_SEEDS, "le-f8-matrix.npy", validF8);
        seed(NPY_SEEDS, "be-f4-matrix.npy", npy(1, dict(">f4", "(2, 2)"), floats(ByteOrder.BIG_ENDIAN, 1, 2, 3, 4)));
        seed(NPY_SEEDS, "be-f8-vector.npy", npy(1, dict(">f8", "(2,)"), doubles(ByteOrder.BIG_ENDIAN, 1e-5, -7)));
        seed(NPY_SEEDS, "v2-header.npy", npy(2, dict("<f4", "(2,)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 2)));
        seed(NPY_SEEDS, "v3-utf8-header.npy", npy(3, dict("<f4", "(1, 1)"), floats(ByteOrder.LITTLE_ENDIAN, 3)));
        seed(NPY_SEEDS, "python2-header.npy", npy(1,
                "{u'descr': u'<f4', u'fortran_order': False, u'shape': (2L,), }", floats(ByteOrder.LITTLE_ENDIAN, 1, 2)));
        seed(NPY_SEEDS, "fortran-vector.npy", npy(1,
                "{'descr': '<f4', 'fortran_order': True, 'shape': (3,), }", floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3)));
        seed(NPY_SEEDS, "fortran-matrix.npy", npy(1,
                "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4)));
        seed(NPY_SEEDS, "empty-rows.npy", npy(1, dict("<f4", "(0, 4)"), new byte[0]));
        seed(NPY_SEEDS, "written-by-npy.npy", written(NpyArray.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)));

        // Headers that lie or are out of range: each must be rejected before anything is allocated.
        seed(NPY_SEEDS, "huge-shape.npy", npy(1, dict("<f8", "(100000000000, 100000)"), new byte[0]));
        seed(NPY_SEEDS, "huge-dimension-times-zero.npy", npy(1, dict("<f4", "(0, 3000000000)"), new byte[0]));
        seed(NPY_SEEDS, "overflowing-shape.npy", npy(1, dict("<f4", "(9223372036854775807, 3)"), new byte[0]));
        seed(NPY_SEEDS, "negative-dimension.npy", npy(1, dict("<f4", "(-1, 3)"), new byte[0]));
        seed(NPY_SEEDS, "unsupported-dtype.npy", npy(1, dict("<c8", "(2,)"), new byte[16]));
        seed(NPY_SEEDS, "uint8-images.npy", npy(1, dict("|u1", "(2, 3)"), new byte[] {0, 1, 127, (byte) 128, (byte) 254, (byte) 255}));
        seed(NPY_SEEDS, "float16.npy", npy(1, dict("<f2", "(3,)"), new byte[] {0, 0x3c, 0, (byte) 0xfc, 1, 0}));
        seed(NPY_SEEDS, "rank-3.npy", npy(1, dict("<f4", "(1, 1, 1)"), new byte[4]));
        seed(NPY_SEEDS, "nested-shape.npy", npy(1, dict("<f4", "((2,),)"), new byte[8]));
        seed(NPY_SEEDS, "deeply-nested-shape.npy", npy(2, dict("<f4", "(".repeat(3000) + ")".repeat(3000)), new byte[0]));
        seed(NPY_SEEDS, "truncated-data.npy", Arrays.copyOf(validF8, validF8.length - 5));
        seed(NPY_SEEDS, "truncated-header.npy", Arrays.copyOf(validF8, 30));
        seed(NPY_SEEDS, "trailing-bytes.npy", Arrays.copyOf(validF8, validF8.length + 3));
    }

    @Test
    void writeMapSeeds() throws IOException {
        Files.createDirectories(MAP_SEEDS);
        byte[] matrixF4 = npy(1, dict("<f4", "(2, 3)"), floats(ByteOrder.LITTLE_ENDIAN, 1, -2.5f, 3, 0, 1e-3f, 7));
        seed(MAP_SEEDS, "le-f4-matrix.npy", matrixF4);
        seed(MAP_SEEDS, "le-f8-matrix.npy", npy(1, dict("<f8", "(3, 1)"), doubles(ByteOrder.LITTLE_ENDIAN, 0.5, -1, 2)));
        seed(MAP_SEEDS, "v2-header.npy", npy(2, dict("<f4", "(1, 2)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 2)));
        seed(MAP_SEEDS, "nan-value.npy", npy(1, dict("<f4", "(1, 2)"), floats(ByteOrder.LITTLE_ENDIAN, 1, Float.NaN)));
        seed(MAP_SEEDS, "overflowing-scores.npy", npy(1, dict("<f4", "(1, 2)"),
                floats(ByteOrder.LITTLE_ENDIAN, 3e38f, 3e38f)));
        seed(MAP_SEEDS, "be-f4-matrix.npy", npy(1, dict(">f4", "(2, 2)"), floats(ByteOrder.BIG_ENDIAN, 1, 2, 3, 4)));
        seed(MAP_SEEDS, "uint8-matrix.npy", npy(1, dict("|u1", "(2, 2)"), new byte[] {0, 1, 2, 3}));
        seed(MAP_SEEDS, "vector.npy", npy(1, dict("<f4", "(2,)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 2)));
        seed(MAP_SEEDS, "empty-rows.npy", npy(1, dict("<f4", "(0, 4)"), new byte[0]));
        seed(MAP_SEEDS, "past-2-31-elements-short-file.npy", npy(1, dict("<f4", "(3000000, 784)"), new byte[64]));
        seed(MAP_SEEDS, "truncated-data.npy", Arrays.copyOf(matrixF4, matrixF4.length - 3));
        seed(MAP_SEEDS, "trailing-bytes.npy", Arrays.copyOf(matrixF4, matrixF4.length + 4));
    }

    @Test
    void writeStoreSeeds() throws IOException {
        Files.createDirectories(STORE_SEEDS);
        byte[] f32 = saved(MemoryStore.ofFloat(new float[] {1, 0, -1, 0.5f, 2, 3}, 2, 3));
        byte[] stored = storedCopy(f32);
        seed(STORE_SEEDS, "store-f32.npz", f32);
        seed(STORE_SEEDS, "store-f64.npz", saved(MemoryStore.ofDouble(new double[] {1e-3, -2, 7}, 1, 3)));
        seed(STORE_SEEDS, "store-f32-uncompressed.npz", stored);
        seed(STORE_SEEDS, "store-truncated.npz", Arrays.copyOf(f32, f32.length / 2));
        byte[] corrupted = stored.clone();
        corrupted[corrupted.length / 3] ^= 0x10;
        seed(STORE_SEEDS, "store-corrupted.npz", corrupted);
    }

    /**
     * An {@code .npy} file with the given format version, header dict and data, padded as numpy pads:
     * the data starts on a 64-byte boundary and the header ends with a newline.
     */
    private static byte[] npy(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 8 + lengthBytes;
        int padded = ((prefix + dict.length() + 1 + 63) / 64) * 64 - prefix;
        String header = dict + " ".repeat(padded - dict.length() - 1) + "\n";
        byte[] headerBytes = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(prefix + headerBytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            out.putShort((short) headerBytes.length);
        } else {
            out.putInt(headerBytes.length);
        }
        return out.put(headerBytes).put(data).array();
    }

    private static byte[] floats(ByteOrder order, float... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * Float.BYTES).order(order);
        for (float value : values) {
            out.putFloat(value);
        }
        return out.array();
    }

    private static byte[] doubles(ByteOrder order, double... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * Double.BYTES).order(order);
        for (double value : values) {
            out.putDouble(value);
        }
        return out.array();
    }

    private static byte[] written(NpyArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, array);
        return out.toByteArray();
    }

    private static byte[] saved(MemoryStore store) throws IOException {
        try (store) {
            Path file = Files.createTempFile("seed", ".npz");
            try {
                store.save(file);
                return Files.readAllBytes(file);
            } finally {
                Files.delete(file);
            }
        }
    }

    /**
     * The same archive with uncompressed members, as {@code numpy.savez} writes it: there, mutated
     * bytes reach the {@code .npy} reader and the store's checks instead of failing in the inflater.
     */
    private static byte[] storedCopy(byte[] archive) throws IOException {
        Path file = Files.createTempFile("seed", ".npz");
        try {
            Files.write(file, archive);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipFile zip = new ZipFile(file.toFile()); ZipOutputStream copy = new ZipOutputStream(out)) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    byte[] content;
                    try (InputStream in = zip.getInputStream(entry)) {
                        content = in.readAllBytes();
                    }
                    copy.putNextEntry(storedEntry(entry.getName(), content));
                    copy.write(content);
                    copy.closeEntry();
                }
            }
            return out.toByteArray();
        } finally {
            Files.delete(file);
        }
    }

    private static ZipEntry storedEntry(String name, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCrc(crc.getValue());
        entry.setTime(0);
        return entry;
    }

    /** IDX files: images and labels, plain and gzipped, and the lying 16-byte header of issue #18. */
    @Test
    void writeIdxSeeds() throws IOException {
        Files.createDirectories(IDX_SEEDS);
        java.nio.ByteBuffer images = ByteBuffer.allocate(16 + 2 * 3 * 2).putInt(0x803).putInt(2).putInt(3).putInt(2);
        for (int i = 0; i < 12; i++) images.put((byte) (i * 23));
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 3, 7, 0, (byte) 255};
        seed(IDX_SEEDS, "images-2x3x2", images.array());
        seed(IDX_SEEDS, "labels-3", labels);
        seed(IDX_SEEDS, "images-2x3x2.gz", gzip(images.array()));
        seed(IDX_SEEDS, "lying-header-46340x46340",
                ByteBuffer.allocate(16).putInt(0x803).putInt(1).putInt(46_340).putInt(46_340).array());
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static void seed(Path directory, String name, byte[] content) throws IOException {
        Files.write(directory.resolve(name), content);
    }
}
