package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/formats.md#mapped-stores: in an uncompressed archive every member's data starts on a 64-byte
 * boundary (the local header padded by an extra field), and the bytes there are the member's .npy
 * file as {@link Npy#write} writes it, so a store's values can be mapped in place. Read by walking the
 * local headers by hand, not through the reader under test.
 */
class NpzStoredAlignmentTest {

    /** A member found in the archive: its name and where its data starts and ends. */
    private record Member(String name, long dataStart, byte[] data, ByteBuffer extra, int dosTime, int dosDate) {}

    private static List<Member> members(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        List<Member> found = new ArrayList<>();
        int at = 0;
        while (b.getInt(at) == 0x04034b50) {   // local file header
            assertEquals(0, b.getShort(at + 8), "stored, not deflated");
            int size = b.getInt(at + 18);
            int nameLength = b.getShort(at + 26) & 0xFFFF;
            int extraLength = b.getShort(at + 28) & 0xFFFF;
            String name = new String(zip, at + 30, nameLength, StandardCharsets.UTF_8);
            int start = at + 30 + nameLength + extraLength;
            ByteBuffer extra = ByteBuffer.wrap(Arrays.copyOfRange(zip, at + 30 + nameLength, start)).order(ByteOrder.LITTLE_ENDIAN);
            found.add(new Member(name, start, Arrays.copyOfRange(zip, start, start + size), extra,
                    b.getShort(at + 10) & 0xFFFF, b.getShort(at + 12) & 0xFFFF));
            at = start + size;
        }
        return found;
    }

    @Test
    void everyMemberStartsOn64BytesAndHoldsItsNpyBytes() throws IOException {
        NpzWriter writer = NpzWriter.uncompressed();
        List<String> names = List.of("a", "xi_patterns", "a-much-longer-member-name", "q");
        List<NpyArray> arrays = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            int rows = 3 + 5 * k, cols = 1 + 2 * k;   // data sizes that leave every remainder mod 64
            float[] v = new float[rows * cols];
            for (int i = 0; i < v.length; i++) v[i] = i * 0.5f - k;
            NpyArray a = k % 2 == 0 ? NpyArray.ofFloat(v, rows, cols) : NpyArray.ofDouble(NpyArray.ofFloat(v, rows, cols).toDouble(), rows, cols);
            arrays.add(a);
            writer.add(names.get(k), a);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        List<Member> found = members(out.toByteArray());
        assertEquals(names.size(), found.size());
        for (int k = 0; k < names.size(); k++) {
            Member m = found.get(k);
            assertEquals(names.get(k) + ".npy", m.name());
            ByteArrayOutputStream npy = new ByteArrayOutputStream();
            Npy.write(npy, arrays.get(k));
            assertArrayEquals(npy.toByteArray(), m.data(), m.name());
            // the .npy header is itself a multiple of 64 bytes, so the values are aligned too
            assertEquals(0, m.dataStart() % NpzWriter.STORED_ALIGNMENT, m.name() + " starts at " + m.dataStart());
            // the padding is one well-formed extra field, as zipalign writes it: id 0xD935, its data
            // size, the alignment; a reader that walks the extra fields must land exactly on the data
            ByteBuffer extra = m.extra();
            if (extra.capacity() > 0) {
                assertEquals(0xD935, extra.getShort(0) & 0xFFFF, m.name());
                assertEquals(extra.capacity() - 4, extra.getShort(2) & 0xFFFF, m.name() + ": the field's data size");
                assertEquals(NpzWriter.STORED_ALIGNMENT, extra.getShort(4) & 0xFFFF, m.name());
            }
            // reproducible bytes: every member stamped 1980-01-02 00:00 (DOS date (0 << 9) | (1 << 5) | 2)
            assertEquals(0, m.dosTime(), m.name());
            assertEquals((1 << 5) | 2, m.dosDate(), m.name());
        }
    }
}
