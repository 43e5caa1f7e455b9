package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    /** An idx3-ubyte file of n images of rows × cols with pixel (i, j) = (7 i + j) mod 256. */
    static byte[] images(int n, int rows, int cols) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(Idx.IMAGES_MAGIC);
        out.writeInt(n);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows * cols; j++) {
                out.writeByte((7 * i + j) & 0xff);
            }
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(Idx.LABELS_MAGIC);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path gzip(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content);
        }
        return p;
    }

    @Test
    void imagesHaveTheRightShapeAndPixelsInZeroOne() throws IOException {
        ImageSet set = Idx.readImages(write("train-images-idx3-ubyte", images(5, 28, 28)));
        assertEquals(5, set.count());
        assertEquals(784, set.dimension());
        assertEquals(5 * 784, set.pixels().length);
        assertNull(set.labels());
        float[] range = set.range();
        assertEquals(0f, range[0]);
        assertEquals(1f, range[1]);   // byte 255 occurs (j = 255)
        assertEquals(((7 * 3 + 10) & 0xff) / 255f, set.pixels()[3 * 784 + 10], 0f);
    }

    @Test
    void gzippedFilesAreReadByContent() throws IOException {
        byte[] raw = images(3, 4, 5);
        ImageSet plain = Idx.readImages(write("a-idx3-ubyte", raw));
        ImageSet gz = Idx.readImages(gzip("a-idx3-ubyte.gz", raw));
        assertEquals(20, gz.dimension());
        assertArrayEquals(plain.pixels(), gz.pixels());
    }

    @Test
    void labelsAndImagesTogether() throws IOException {
        Path img = write("i", images(4, 2, 2));
        Path lab = gzip("l.gz", labels(5, 0, 4, 1));
        assertArrayEquals(new int[] {5, 0, 4, 1}, Idx.readLabels(lab));
        ImageSet set = Idx.readImages(img, lab);
        assertArrayEquals(new int[] {5, 0, 4, 1}, set.labels());
        Path wrongCount = write("l3", labels(1, 2, 3));
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(img, wrongCount));
        assertTrue(e.getMessage().contains("3 labels but"), e.getMessage());
    }

    @Test
    void badMagicIsNamed() throws IOException {
        Path lab = write("labels", labels(1, 2));
        DataFileException swapped = assertThrows(DataFileException.class, () -> Idx.readImages(lab));
        assertTrue(swapped.getMessage().contains("bad magic number 0x00000801"), swapped.getMessage());
        assertTrue(swapped.getMessage().contains("swapped"), swapped.getMessage());
        Path text = write("text", "hello, world".getBytes());
        DataFileException notIdx = assertThrows(DataFileException.class, () -> Idx.readImages(text));
        assertTrue(notIdx.getMessage().contains("not an IDX file"), notIdx.getMessage());
        assertTrue(notIdx.getMessage().startsWith(text.toString()), notIdx.getMessage());
        Path img = write("img", images(1, 2, 2));
        assertThrows(DataFileException.class, () -> Idx.readLabels(img));
    }

    @Test
    void truncationIsReported() throws IOException {
        byte[] whole = images(3, 4, 4);
        Path cut = write("cut", Arrays.copyOf(whole, whole.length - 1));
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(cut));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("48 pixel bytes")
                && e.getMessage().contains("after 47"), e.getMessage());
        Path header = write("header", Arrays.copyOf(whole, 10));
        DataFileException h = assertThrows(DataFileException.class, () -> Idx.readImages(header));
        assertTrue(h.getMessage().contains("ends inside the header"), h.getMessage());
        byte[] lab = labels(1, 2, 3);
        Path cutLabels = gzip("cutl.gz", Arrays.copyOf(lab, lab.length - 2));
        DataFileException l = assertThrows(DataFileException.class, () -> Idx.readLabels(cutLabels));
        assertTrue(l.getMessage().contains("truncated"), l.getMessage());
    }

    /**
     * Issue #18: a 16-byte file whose header claims 46 340 × 46 340 pixels (2.1 GB) is rejected from
     * its header and its size, before anything is allocated; a gzipped one costs only what it holds.
     * Measured as the bytes this thread allocated, not as time.
     */
    @Test
    void aLyingHeaderFailsBeforeAllocating() throws IOException {
        byte[] header = java.nio.ByteBuffer.allocate(16).putInt(Idx.IMAGES_MAGIC).putInt(1).putInt(46_340).putInt(46_340)
                .array();
        Path plain = write("lying-idx3-ubyte", header);
        Path zipped = gzip("lying-idx3-ubyte.gz", header);
        for (Path file : new Path[] {plain, zipped}) {
            long before = allocatedBytes();
            DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(file));
            long allocated = allocatedBytes() - before;
            assertTrue(e.getMessage().startsWith(file + ": truncated IDX file: the header promises 2147395600 pixel bytes"
                    + " but the file ends after 0"), e.getMessage());
            assertTrue(allocated < 8L << 20, file + ": allocated " + allocated + " bytes for a 16-byte file");
        }
        byte[] lyingLabels = Arrays.copyOf(labels(1), 8);
        lyingLabels[4] = 0x7f;   // 0x7f000001: 2 130 706 433 labels

        Path lab = write("lying-labels", lyingLabels);
        long before = allocatedBytes();
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.readLabels(lab));
        assertTrue(allocatedBytes() - before < 8L << 20, "allocated for a lying label header");
        assertTrue(e.getMessage().contains("promises 2130706433 label bytes but the file ends after 0"), e.getMessage());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
