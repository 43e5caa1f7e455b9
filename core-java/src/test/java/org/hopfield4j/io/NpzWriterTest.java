package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzWriterTest {
    @TempDir
    Path dir;

    /** The members of a .npz file, by entry name, as raw bytes. */
    static Map<String, byte[]> members(Path npz) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    /** The header dict and the data of a .npy member (format 1.0). */
    static String header(byte[] npy) {
        int len = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        assertEquals(0, (10 + len) % 64, "data aligned to 64 bytes");
        return new String(npy, 10, len, StandardCharsets.ISO_8859_1);
    }

    static ByteBuffer data(byte[] npy) {
        int len = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        return ByteBuffer.wrap(npy, 10 + len, npy.length - 10 - len).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void writesNamedNpyMembersReadableBack() throws IOException {
        long[] offsets = {0, 2, 2, 5};
        int[] indices = {1, 4, 0, 2, 3};
        float[] values = {0.25f, 0.75f, 0.5f, 0.25f, 0.25f};
        Path file = dir.resolve("w.npz");
        NpzWriter.create().add("offsets", offsets).add("indices", indices)
                .add("values", NpyArray.ofFloat(values, 5)).write(file);

        Map<String, byte[]> m = members(file);
        assertEquals(List.of("offsets.npy", "indices.npy", "values.npy"), new ArrayList<>(m.keySet()));
        assertTrue(header(m.get("offsets.npy")).startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }"));
        assertTrue(header(m.get("indices.npy")).startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }"));
        ByteBuffer o = data(m.get("offsets.npy"));
        long[] readOffsets = new long[o.remaining() / 8];
        o.asLongBuffer().get(readOffsets);
        assertArrayEquals(offsets, readOffsets);
        ByteBuffer ix = data(m.get("indices.npy"));
        int[] readIndices = new int[ix.remaining() / 4];
        ix.asIntBuffer().get(readIndices);
        assertArrayEquals(indices, readIndices);
        try (InputStream in = new java.io.ByteArrayInputStream(m.get("values.npy"))) {
            assertArrayEquals(values, Npy.read(in, "values.npy").floatData());
        }
        // no temporary file left behind
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void emptyArraysAndStreams() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NpzWriter.create().add("empty", new int[0]).add("none", new long[0]).write(bytes);
        Path file = Files.write(dir.resolve("e.npz"), bytes.toByteArray());
        Map<String, byte[]> m = members(file);
        assertTrue(header(m.get("empty.npy")).contains("'shape': (0,)"));
        assertEquals(0, data(m.get("none.npy")).remaining());
    }

    @Test
    void rejectsBadNames() {
        NpzWriter w = NpzWriter.create().add("a", new int[1]);
        assertThrows(IllegalArgumentException.class, () -> w.add("a", new long[1]));
        assertThrows(IllegalArgumentException.class, () -> w.add("", new long[1]));
        assertThrows(IllegalArgumentException.class, () -> w.add("x/y", new long[1]));
        assertThrows(NullPointerException.class, () -> w.add("b", (int[]) null));
        assertEquals(List.of("a"), w.names());
        assertFalse(w.names().isEmpty());
    }
}
