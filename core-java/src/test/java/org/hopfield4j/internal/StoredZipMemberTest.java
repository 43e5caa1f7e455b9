package org.hopfield4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoredZipMember#dataOffset}: the offset it returns is where the member's own bytes are, for
 * archives written by {@code java.util.zip} (extra fields, member and archive comments, the longest
 * archive comment) and for hand-built ZIP64 archives; a damaged archive fails with a ZipException
 * that says what is wrong.
 */
class StoredZipMemberTest {
    @TempDir
    Path dir;

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path file(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "zip", ".zip");
        Files.write(f, bytes);
        return f;
    }

    private static long offset(Path f, String name, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(f)) {
            return StoredZipMember.dataOffset(ch, name, size);
        }
    }

    private static void assertMemberAt(Path f, String name, byte[] data) throws IOException {
        long at = offset(f, name, data.length);
        byte[] found = new byte[data.length];
        System.arraycopy(Files.readAllBytes(f), (int) at, found, 0, data.length);
        assertArrayEquals(data, found, name + " at " + at);
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] data, byte[] extra, String comment)
            throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        if (extra != null) e.setExtra(extra);
        if (comment != null) e.setComment(comment);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] extraField(int id, int length) {
        ByteBuffer b = ByteBuffer.allocate(4 + length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putShort((short) id).putShort((short) length).array();
    }

    private Path javaArchive(String archiveComment, byte[]... data) throws IOException {
        Path f = Files.createTempFile(dir, "java", ".zip");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < data.length; i++) {
                putStored(zip, "m" + "x".repeat(i * 5) + ".npy", data[i], i == 1 ? extraField(0x6666, 12) : null,
                        i == 0 ? "member comment" : null);
            }
            if (archiveComment != null) zip.setComment(archiveComment);
        }
        return f;
    }

    @Test
    void findsEveryMemberOfAnArchiveWithExtraFieldsAndComments() throws IOException {
        byte[][] data = {randomBytes(100, 1), randomBytes(7, 2), randomBytes(1000, 3)};
        Path f = javaArchive("an archive comment", data);
        for (int i = 0; i < data.length; i++) assertMemberAt(f, "m" + "x".repeat(i * 5) + ".npy", data[i]);
    }

    @Test
    void findsTheEndRecordBehindTheLongestArchiveComment() throws IOException {
        byte[] data = randomBytes(50, 4);
        Path f = javaArchive("c".repeat(0xFFFF), data);
        assertMemberAt(f, "m.npy", data);
    }

    @Test
    void findsMembersThroughZip64Records() throws IOException {
        byte[] a = randomBytes(300, 5), b = randomBytes(40, 6);
        HandBuiltZip zip = new HandBuiltZip().zip64Directory()
                .add(new HandBuiltZip.Member("a.npy", a, HandBuiltZip.ALL, extraField(0x5455, 5)))
                .add(new HandBuiltZip.Member("b.npy", b, HandBuiltZip.ALL, new byte[0]));
        Path f = file(zip.bytes());
        assertEquals(zip.dataOffset(0), offset(f, "a.npy", a.length));
        assertEquals(zip.dataOffset(1), offset(f, "b.npy", b.length));
        assertMemberAt(f, "b.npy", b);
    }

    @Test
    void readsOnlyTheEscapedFieldsFromTheZip64ExtraField() throws IOException {
        byte[] d = randomBytes(24, 10);
        for (int escaped : new int[] {HandBuiltZip.PLAIN | HandBuiltZip.COMPRESSED, HandBuiltZip.LOCAL,
                HandBuiltZip.PLAIN | HandBuiltZip.LOCAL}) {
            // PLAIN | LOCAL: a writer that escaped only the uncompressed size (legal, if unusual)
            HandBuiltZip zip = new HandBuiltZip().add(new HandBuiltZip.Member("x.npy", randomBytes(5, 11)))
                    .add(new HandBuiltZip.Member("a.npy", d, escaped, new byte[0]));
            Path f = file(zip.bytes());
            assertEquals(zip.dataOffset(1), offset(f, "a.npy", d.length), "escaped " + escaped);
        }
    }

    @Test
    void aZip64ExtraFieldShorterThanItsEscapedFieldsIsNotReadPastItsEnd() throws IOException {
        byte[] d = randomBytes(24, 12);
        // the last member, so a read past its extra field would run off the directory
        for (int fields = 0; fields < 3; fields++) {
            HandBuiltZip zip = new HandBuiltZip().add(new HandBuiltZip.Member("x.npy", randomBytes(5, 13)))
                    .add(new HandBuiltZip.Member("a.npy", d, HandBuiltZip.ALL, fields, new byte[0]));
            String why = fields < 2 ? "has 4294967295 stored bytes" : "local header outside the file";
            assertRejected(file(zip.bytes()), "a.npy", d.length, why);
        }
    }

    @Test
    void aCentralEntryRunningPastTheDirectoryIsTruncated() throws IOException {
        HandBuiltZip zip = new HandBuiltZip().add(new HandBuiltZip.Member("a.npy", randomBytes(5, 14)))
                .add(new HandBuiltZip.Member("b.npy", randomBytes(6, 15)));
        ByteBuffer bytes = ByteBuffer.wrap(zip.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        long second = zip.dataOffset(1) + 6 + 46 + 5;   // the second central entry
        bytes.putShort((int) second + 30, (short) 10);   // an extra field of 10 bytes the directory does not hold
        assertRejected(file(bytes.array()), "b.npy", 6, "truncated central directory");
    }

    @Test
    void findsAMemberWithAnEmptyNameAtTheEndOfTheDirectory() throws IOException {
        byte[] a = randomBytes(10, 7), b = randomBytes(20, 8);
        HandBuiltZip zip = new HandBuiltZip().add(new HandBuiltZip.Member("a", a)).add(new HandBuiltZip.Member("", b));
        Path f = file(zip.bytes());
        assertEquals(zip.dataOffset(1), offset(f, "", b.length));
    }

    private static void assertRejected(Path f, String name, long size, String why) {
        ZipException e = assertThrows(ZipException.class, () -> offset(f, name, size));
        assertTrue(e.getMessage().contains(why), e.getMessage() + " should say " + why);
    }

    /** A one-member hand-built archive; {@code damage} patches its bytes (little-endian). */
    private Path damaged(byte[] data, java.util.function.BiConsumer<ByteBuffer, Long> damage) throws IOException {
        HandBuiltZip zip = new HandBuiltZip().add(new HandBuiltZip.Member("a.npy", data));
        ByteBuffer bytes = ByteBuffer.wrap(zip.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        damage.accept(bytes, zip.dataOffset(0) + data.length);   // where the central directory starts
        return file(bytes.array());
    }

    @Test
    void aDamagedArchiveFailsSayingWhatIsWrong() throws IOException {
        byte[] d = randomBytes(64, 9);
        assertRejected(file(new HandBuiltZip().bytes()), "a.npy", 64, "no member a.npy");
        assertRejected(damaged(d, (b, c) -> { }), "b.npy", 64, "no member b.npy");
        assertRejected(damaged(d, (b, c) -> { }), "a.npy", 63, "has 64 stored bytes, expected 63");
        assertRejected(file(new byte[200]), "a.npy", 64, "no end of central directory record");
        assertRejected(damaged(d, (b, c) -> b.putInt(b.limit() - 6, b.limit() - 10)), "a.npy", 64, "does not fit");
        assertRejected(damaged(d, (b, c) -> b.putInt(c.intValue(), 0x12345678)), "a.npy", 64,
                "bad central directory entry at 0");
        assertRejected(damaged(d, (b, c) -> b.putShort(c.intValue() + 28, (short) 200)), "a.npy", 64,
                "truncated central directory");
        assertRejected(damaged(d, (b, c) -> b.putShort(c.intValue() + 10, (short) 8)), "a.npy", 64, "is compressed");
        assertRejected(damaged(d, (b, c) -> b.putInt(c.intValue() + 42, b.limit() - 29)), "a.npy", 64,
                "local header outside the file");
        assertRejected(damaged(d, (b, c) -> b.putInt(c.intValue() + 42, 1)), "a.npy", 64, "bad local header");
        // the data would start inside the file (at 115 of 172 bytes) but end 7 bytes past it
        assertRejected(damaged(d, (b, c) -> b.putShort(28, (short) 80)), "a.npy", 64,
                "data extends beyond the end of the file");
    }

    @Test
    void aDamagedZip64ArchiveFailsSayingWhatIsWrong() throws IOException {
        HandBuiltZip zip = new HandBuiltZip().zip64Directory().add(new HandBuiltZip.Member("a.npy", new byte[8],
                HandBuiltZip.ALL, new byte[0]));
        byte[] good = zip.bytes();
        byte[] noLocator = good.clone();
        noLocator[good.length - 22 - 20] = 0;
        assertRejected(file(noLocator), "a.npy", 8, "ZIP64 locator missing");
        byte[] noRecord = good.clone();
        noRecord[good.length - 22 - 20 - 56] = 0;
        assertRejected(file(noRecord), "a.npy", 8, "ZIP64 end of central directory missing");
    }
}
