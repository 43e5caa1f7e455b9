package org.hopfield4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpzWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChecksummedNpz}: the recorded CRC-32 is the CRC-32 of every value (arrays larger than the
 * checksum's buffer and the mapped check's 1 MiB chunks included), computed here with
 * {@link CRC32} over the little-endian bytes; {@code mainLayout} verifies what {@code read} verifies
 * and says what is wrong, naming a foreign magic by its letters when they are printable.
 */
class ChecksummedNpzChecksTest {
    private static final ChecksummedNpz.Format TEST = new ChecksummedNpz.Format("test", 0x48344A54, 1, "main",
            List.of("v"));

    @TempDir
    Path dir;

    private static IOException damage(String message, Throwable cause) {
        return new IOException(message, cause);
    }

    private static double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.cos(i * 0.11) * (i % 7 + 1);
        return v;
    }

    private static double recordedChecksum(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry("metadata.npy"))) {
            return Npy.read(in, "metadata").doubleData()[5];
        }
    }

    private static long crc(ByteBuffer littleEndianValues) {
        CRC32 crc = new CRC32();
        crc.update(littleEndianValues.flip());
        return crc.getValue();
    }

    @Test
    void theChecksumCoversEveryValueOfArraysLargerThanItsBuffer() throws IOException {
        double[] m = values(100 * 100), v = values(9000);   // 80 000 and 72 000 bytes: past the 64 KiB buffer
        ByteBuffer expected = ByteBuffer.allocate(8 * (m.length + v.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : m) expected.putDouble(x);
        for (double x : v) expected.putDouble(x);
        Path f64 = dir.resolve("f64.npz");
        ChecksummedNpz.write(f64, TEST, NpyArray.ofDouble(m, 100, 100), Map.of("v", v));
        assertEquals(crc(expected), recordedChecksum(f64));

        float[] f = new float[200 * 100];
        for (int i = 0; i < f.length; i++) f[i] = (float) m[i % m.length];
        ByteBuffer floats = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : f) floats.putFloat(x);
        Path f32 = dir.resolve("f32.npz");
        ChecksummedNpz.write(f32, TEST, NpyArray.ofFloat(f, 200, 100), Map.of());
        assertEquals(crc(floats), recordedChecksum(f32));
        assertEquals(20000, ChecksummedNpz.read(f32, TEST, ChecksummedNpzChecksTest::damage).main().size());
    }

    @Test
    void theMappedChecksumReadsEveryMebibyte() throws IOException {
        Path file = dir.resolve("big.npz");
        ChecksummedNpz.write(file, TEST, NpyArray.ofDouble(values(400 * 400), 400, 400), Map.of());   // 1.28 MB
        var layout = ChecksummedNpz.mainLayout(file, TEST, ChecksummedNpzChecksTest::damage, true);
        assertEquals(400L * 400 * 8, layout.dataLength());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {   // one value past the first MiB
            ch.write(ByteBuffer.wrap(new byte[] {0x7f}), layout.dataOffset() + (1 << 20) + 5000);
        }
        IOException e = assertThrows(IOException.class,
                () -> ChecksummedNpz.mainLayout(file, TEST, ChecksummedNpzChecksTest::damage, true));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertEquals(layout.dataOffset(),
                ChecksummedNpz.mainLayout(file, TEST, ChecksummedNpzChecksTest::damage, false).dataOffset());
    }

    private static String mapFails(Path file, ChecksummedNpz.Format format) {
        return assertThrows(IOException.class,
                () -> ChecksummedNpz.mainLayout(file, format, ChecksummedNpzChecksTest::damage, false)).getMessage();
    }

    @Test
    void mappingVerifiesTheMetadataAndTheMembers() throws IOException {
        Path file = dir.resolve("a.npz");
        ChecksummedNpz.write(file, TEST, NpyArray.ofDouble(values(12), 3, 4), Map.of());
        var otherMagic = new ChecksummedNpz.Format("other", 0x4F544852, 1, "main", List.of());
        assertTrue(mapFails(file, otherMagic).contains("magic \"OTHR\", found \"H4JT\""), mapFails(file, otherMagic));
        var otherVersion = new ChecksummedNpz.Format("test", 0x48344A54, 2, "main", List.of());
        assertTrue(mapFails(file, otherVersion).contains("unsupported test format version 1"));

        Path foreign = dir.resolve("foreign.npz");
        double[] meta = {TEST.magic(), 1, 3, 4, 8, 0};
        NpzWriter.uncompressed().add("main", NpyArray.ofDouble(values(12), 3, 4)).add("zzz", NpyArray.ofDouble(values(2), 2))
                .add("metadata", NpyArray.ofDouble(meta, 6)).write(foreign);
        assertTrue(mapFails(foreign, TEST).contains("unexpected member zzz.npy"), mapFails(foreign, TEST));

        Path lying = dir.resolve("lying.npz");
        double[] says = {TEST.magic(), 1, 2, 4, 8, 0};
        NpzWriter.uncompressed().add("main", NpyArray.ofDouble(values(12), 3, 4)).add("metadata", NpyArray.ofDouble(says, 6))
                .write(lying);
        assertTrue(mapFails(lying, TEST).contains("has shape [3, 4] and float64 but the metadata says (2, 4)"),
                mapFails(lying, TEST));
    }

    private String foundMagic(int magic) throws IOException {
        Path file = dir.resolve("magic" + Integer.toHexString(magic) + ".npz");
        ChecksummedNpz.write(file, new ChecksummedNpz.Format("x", magic, 1, "main", List.of()),
                NpyArray.ofDouble(values(2), 1, 2), Map.of());
        String message = assertThrows(IOException.class,
                () -> ChecksummedNpz.read(file, TEST, ChecksummedNpzChecksTest::damage)).getMessage();
        return message.substring(message.indexOf("found ") + "found ".length());
    }

    @Test
    void aForeignMagicIsNamedByItsLettersOnlyWhenAllArePrintable() throws IOException {
        assertEquals("\"AA A\"", foundMagic(0x41412041));            // a space is printable
        assertEquals("\"AA~A\"", foundMagic(0x41417E41));            // so is '~', the last one
        assertEquals(Integer.toString(0x4141417F), foundMagic(0x4141417F));   // DEL is not
        assertEquals(Integer.toString(0x41411F41), foundMagic(0x41411F41));   // nor is US, before the space
        assertEquals("5", foundMagic(5));
    }

    @Test
    void vectorsOfTheWrongKindAreNamed() throws IOException {
        Path shortMeta = dir.resolve("short.npz");
        NpzWriter.uncompressed().add("main", NpyArray.ofDouble(values(4), 2, 2))
                .add("metadata", NpyArray.ofDouble(new double[] {TEST.magic(), 1, 2, 2, 8}, 5)).write(shortMeta);
        String message = assertThrows(IOException.class,
                () -> ChecksummedNpz.read(shortMeta, TEST, ChecksummedNpzChecksTest::damage)).getMessage();
        assertTrue(message.contains("metadata.npy must be a float64 vector of 6 values, got"), message);

        Path floatVector = dir.resolve("float-vector.npz");
        NpzWriter.uncompressed().add("main", NpyArray.ofDouble(values(4), 2, 2)).add("v", NpyArray.ofFloat(new float[] {1}, 1))
                .add("metadata", NpyArray.ofDouble(new double[] {TEST.magic(), 1, 2, 2, 8, 0}, 6)).write(floatVector);
        message = assertThrows(IOException.class,
                () -> ChecksummedNpz.read(floatVector, TEST, ChecksummedNpzChecksTest::damage)).getMessage();
        assertTrue(message.contains("v.npy must be a float64 vector, got"), message);

        var byWriter = ChecksummedNpz.Format.namedByWriter("model", 0x4D4F444C, 1, "W");
        for (String reserved : new String[] {"W", "metadata", ""}) {   // the main array's, the metadata's, none
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChecksummedNpz.write(
                    dir.resolve("w.npz"), byWriter, NpyArray.ofDouble(values(4), 2, 2), Map.of(reserved, new double[1])));
            assertTrue(e.getMessage().endsWith("are not all among the names a writer may use"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChecksummedNpz.write(
                dir.resolve("t.npz"), TEST, NpyArray.ofDouble(values(4), 2, 2), Map.of("w", new double[1])));
        assertTrue(e.getMessage().endsWith("are not all among [v]"), e.getMessage());
    }
}
