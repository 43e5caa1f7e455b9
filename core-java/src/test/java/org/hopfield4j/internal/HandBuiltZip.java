package org.hopfield4j.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A ZIP archive of STORED members written byte by byte from the ZIP specification (APPNOTE 6.3),
 * independently of {@code java.util.zip}, which never writes ZIP64 records for small archives: so
 * a test can put ZIP64 fields, extra fields and damage exactly where it wants them and knows where
 * each member's data starts. CRCs are left 0 (the reader under test does not check them).
 */
final class HandBuiltZip {
    private static final long ESCAPED = 0xFFFFFFFFL;

    /** Bits of {@link Member#escaped}: the central directory fields moved to the ZIP64 extra field. */
    static final int PLAIN = 1, COMPRESSED = 2, LOCAL = 4, ALL = 7;

    /**
     * A member; the fields flagged in {@code escaped} hold 0xFFFFFFFF in the central directory and
     * their values, in the specification's order, in a ZIP64 extra field (after {@code otherExtra}) of
     * {@code zip64Fields} values: all of them, or fewer for a damaged field.
     */
    record Member(String name, byte[] data, int escaped, int zip64Fields, byte[] otherExtra) {
        Member(String name, byte[] data) {
            this(name, data, 0, 0, new byte[0]);
        }

        Member(String name, byte[] data, int escaped, byte[] otherExtra) {
            this(name, data, escaped, Integer.bitCount(escaped), otherExtra);
        }
    }

    private final List<Member> members = new ArrayList<>();
    private final List<Long> dataOffsets = new ArrayList<>();
    private boolean zip64Directory;

    HandBuiltZip add(Member m) {
        members.add(m);
        return this;
    }

    /** Escapes the directory's size and offset in the end record to a ZIP64 end record and locator. */
    HandBuiltZip zip64Directory() {
        zip64Directory = true;
        return this;
    }

    /** Where member {@code i}'s data starts, once {@link #bytes()} has run. */
    long dataOffset(int i) {
        return dataOffsets.get(i);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> locals = new ArrayList<>();
        dataOffsets.clear();
        for (Member m : members) {
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            locals.add((long) out.size());
            ByteBuffer h = le(30).putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                    .putInt(0).putInt(0).putInt(m.data().length).putInt(m.data().length)
                    .putShort((short) name.length).putShort((short) 0);
            out.writeBytes(h.array());
            out.writeBytes(name);
            dataOffsets.add((long) out.size());
            out.writeBytes(m.data());
        }
        long directoryOffset = out.size();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            byte[] extra = m.otherExtra();
            if (m.escaped() != 0) {
                long[] values = {m.data().length, m.data().length, locals.get(i)};
                ByteBuffer z = le(extra.length + 4 + 8 * m.zip64Fields()).put(extra).putShort((short) 1)
                        .putShort((short) (8 * m.zip64Fields()));
                for (int f = 0, written = 0; f < 3 && written < m.zip64Fields(); f++) {
                    if ((m.escaped() & 1 << f) != 0) {
                        z.putLong(values[f]);
                        written++;
                    }
                }
                extra = z.array();
            }
            long plain = (m.escaped() & PLAIN) != 0 ? ESCAPED : m.data().length;
            long compressed = (m.escaped() & COMPRESSED) != 0 ? ESCAPED : m.data().length;
            long local = (m.escaped() & LOCAL) != 0 ? ESCAPED : locals.get(i);
            ByteBuffer c = le(46).putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(0).putInt((int) compressed).putInt((int) plain)
                    .putShort((short) name.length).putShort((short) extra.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) local);
            out.writeBytes(c.array());
            out.writeBytes(name);
            out.writeBytes(extra);
        }
        long directorySize = out.size() - directoryOffset;
        if (zip64Directory) {
            long record = out.size();
            out.writeBytes(le(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0)
                    .putInt(0).putLong(members.size()).putLong(members.size()).putLong(directorySize)
                    .putLong(directoryOffset).array());
            out.writeBytes(le(20).putInt(0x07064b50).putInt(0).putLong(record).putInt(1).array());
        }
        out.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) members.size()).putShort((short) members.size())
                .putInt((int) (zip64Directory ? ESCAPED : directorySize))
                .putInt((int) (zip64Directory ? ESCAPED : directoryOffset)).putShort((short) 0).array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
