package org.hopfield4j.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * Where the bytes of one uncompressed (STORED) member of a ZIP file start: read from the central
 * directory (ZIP64 included: archives past 4 GB) and the member's local header, which
 * {@link java.util.zip.ZipFile} parses but does not expose. Used to memory-map the array of a
 * {@code .npz} store archive in place (docs/formats.md#mapped-stores).
 *
 * <p>Not part of the public API.
 */
final class StoredZipMember {
    private static final int EOCD = 0x06054b50, ZIP64_LOCATOR = 0x07064b50, ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
    private static final long MASK32 = 0xFFFFFFFFL;
    /** Central directories of hopfield4j archives hold a few members; a larger one is not ours. */
    private static final long MAX_DIRECTORY = 1 << 20;

    private StoredZipMember() {}

    /** The offset of the first byte of member {@code name}'s data; it must be stored with {@code size} bytes. */
    static long dataOffset(FileChannel ch, String name, long size) throws IOException {
        long fileSize = ch.size();
        int tail = (int) Math.min(fileSize, 22 + 0xFFFF);
        ByteBuffer end = read(ch, fileSize - tail, tail);
        int eocd = -1;
        for (int i = tail - 22; i >= 0 && eocd < 0; i--) if (end.getInt(i) == EOCD) eocd = i;
        if (eocd < 0) throw new ZipException("no end of central directory record");
        long dirSize = end.getInt(eocd + 12) & MASK32, dirOffset = end.getInt(eocd + 16) & MASK32;
        if (dirOffset == MASK32 || dirSize == MASK32) {   // ZIP64: the locator precedes the record
            long at = fileSize - tail + eocd - 20;
            ByteBuffer locator = read(ch, at, 20);
            if (locator.getInt(0) != ZIP64_LOCATOR) throw new ZipException("ZIP64 locator missing");
            ByteBuffer record = read(ch, locator.getLong(8), 56);
            if (record.getInt(0) != ZIP64_EOCD) throw new ZipException("ZIP64 end of central directory missing");
            dirSize = record.getLong(40);
            dirOffset = record.getLong(48);
        }
        if (dirSize < 0 || dirSize > MAX_DIRECTORY || dirOffset < 0 || dirOffset > fileSize - dirSize) {
            throw new ZipException("central directory of " + dirSize + " bytes at " + dirOffset + " does not fit");
        }
        ByteBuffer dir = read(ch, dirOffset, (int) dirSize);
        for (int p = 0; p + 46 <= dir.limit(); ) {
            if (dir.getInt(p) != CENTRAL) throw new ZipException("bad central directory entry at " + p);
            int nameLength = dir.getShort(p + 28) & 0xFFFF, extra = dir.getShort(p + 30) & 0xFFFF;
            int comment = dir.getShort(p + 32) & 0xFFFF;
            if (p + 46 + nameLength + extra > dir.limit()) throw new ZipException("truncated central directory");
            byte[] nameBytes = new byte[nameLength];
            dir.get(p + 46, nameBytes);
            if (new String(nameBytes, StandardCharsets.UTF_8).equals(name)) {
                return memberData(ch, dir, p, nameLength, extra, name, size);
            }
            p += 46 + nameLength + extra + comment;
        }
        throw new ZipException("no member " + name);
    }

    private static long memberData(FileChannel ch, ByteBuffer dir, int p, int nameLength, int extra, String name,
                                   long size) throws IOException {
        if ((dir.getShort(p + 10) & 0xFFFF) != 0) throw new ZipException(name + " is compressed");
        long compressed = dir.getInt(p + 20) & MASK32, plain = dir.getInt(p + 24) & MASK32;
        long local = dir.getInt(p + 42) & MASK32;
        // ZIP64 extra field (id 1): the 64-bit values of the fields that hold 0xFFFFFFFF, in this order
        for (int e = p + 46 + nameLength, stop = e + extra; e + 4 <= stop; ) {
            int id = dir.getShort(e) & 0xFFFF, length = dir.getShort(e + 2) & 0xFFFF;
            if (id == 1) {
                int f = e + 4, fieldsEnd = Math.min(e + 4 + length, stop);
                if (plain == MASK32 && f + 8 <= fieldsEnd) { plain = dir.getLong(f); f += 8; }
                if (compressed == MASK32 && f + 8 <= fieldsEnd) { compressed = dir.getLong(f); f += 8; }
                if (local == MASK32 && f + 8 <= fieldsEnd) local = dir.getLong(f);
            }
            e += 4 + length;
        }
        if (plain != size || compressed != size) {
            throw new ZipException(name + " has " + compressed + " stored bytes, expected " + size);
        }
        if (local < 0 || local > ch.size() - 30) throw new ZipException(name + ": local header outside the file");
        ByteBuffer header = read(ch, local, 30);
        if (header.getInt(0) != LOCAL) throw new ZipException(name + ": bad local header");
        long data = local + 30 + (header.getShort(26) & 0xFFFF) + (header.getShort(28) & 0xFFFF);
        if (data > ch.size() - size) throw new ZipException(name + ": data extends beyond the end of the file");
        return data;
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        if (at < 0 || length < 0 || at > ch.size() - length) throw new ZipException("truncated archive");
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) throw new ZipException("truncated archive");
        }
        return b.flip();
    }
}
