package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Idx} at its bounds: empty sets, images of zero rows or columns, the largest image a Java
 * array holds, files larger than the 1 MiB first allocation, a plain file rejected from its size
 * (the message gives it) and the hint for each kind of wrong magic number.
 */
class IdxBoundsTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] header(int magic, int... sizes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length).putInt(magic);
        for (int s : sizes) b.putInt(s);
        return b.array();
    }

    private String imagesFail(byte[] content) throws IOException {
        Path p = write("bad-images", content);
        return assertThrows(DataFileException.class, () -> Idx.readImages(p)).getMessage();
    }

    @Test
    void aPlainFileIsRejectedFromItsSize() throws IOException {
        byte[] images = IdxTest.images(2, 3, 3);
        assertTrue(imagesFail(Arrays.copyOf(images, images.length - 1)).endsWith("the header promises 18 pixel bytes"
                + " but the file ends after 17 (its size is 33 bytes, the 16-byte header included)"));
        byte[] labels = IdxTest.labels(1, 2, 3);
        Path cut = write("cut-labels", Arrays.copyOf(labels, labels.length - 1));
        String message = assertThrows(DataFileException.class, () -> Idx.readLabels(cut)).getMessage();
        assertTrue(message.endsWith("the header promises 3 label bytes but the file ends after 2 (its size is 10 bytes,"
                + " the 8-byte header included)"), message);
    }

    @Test
    void emptySetsAreRead() throws IOException {
        ImageSet none = Idx.readImages(write("no-images", IdxTest.images(0, 28, 28)));
        assertEquals(0, none.count());
        assertEquals(784, none.dimension());
        assertEquals(0, Idx.readLabels(write("no-labels", IdxTest.labels())).length);
    }

    @Test
    void imagesOfZeroRowsOrColumnsAreRejected() throws IOException {
        assertTrue(imagesFail(header(Idx.IMAGES_MAGIC, 1, 0, 5)).endsWith("bad IDX header: 1 images of 0 x 5"));
        assertTrue(imagesFail(header(Idx.IMAGES_MAGIC, 1, 5, 0)).endsWith("bad IDX header: 1 images of 5 x 0"));
    }

    /** Integer.MAX_VALUE - 8 = 2 147 483 639 = 7 × 306 783 377 values is the largest Java array. */
    @Test
    void theLargestJavaArrayIsTheLimit() throws IOException {
        ImageSet none = Idx.readImages(write("huge-empty", header(Idx.IMAGES_MAGIC, 0, 7, 306_783_377)));
        assertEquals(Integer.MAX_VALUE - 8, none.dimension());
        assertTrue(imagesFail(header(Idx.IMAGES_MAGIC, 7, 1, 306_783_377)).contains("truncated IDX file"));
        assertTrue(imagesFail(header(Idx.IMAGES_MAGIC, 0, 1, Integer.MAX_VALUE - 7)).endsWith("too many for one Java array"));
        assertTrue(imagesFail(header(Idx.IMAGES_MAGIC, 8, 1, 306_783_377)).endsWith("too many for one Java array"));
    }

    @Test
    void filesLargerThanTheFirstAllocationAreReadWhole() throws IOException {
        int n = 5, rows = 1000, cols = 600;   // 3 MB of pixels: the array grows twice from its first 1 MiB
        byte[] content = IdxTest.images(n, rows, cols);
        Path gz = dir.resolve("big.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(content);
        }
        for (ImageSet set : new ImageSet[] {Idx.readImages(new ByteArrayInputStream(content), "big"), Idx.readImages(gz)}) {
            assertEquals(n * rows * cols, set.pixels().length);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < rows * cols; j++) {
                    assertEquals(((7 * i + j) & 0xff) / 255f, set.pixels()[i * rows * cols + j]);
                }
            }
        }
    }

    @Test
    void eachWrongMagicGetsItsHint() throws IOException {
        Path images = write("images", IdxTest.images(1, 2, 2));
        String asLabels = assertThrows(DataFileException.class, () -> Idx.readLabels(images)).getMessage();
        assertTrue(asLabels.endsWith("(this is an idx3-ubyte image file: images and labels swapped?)"), asLabels);
        assertTrue(imagesFail(IdxTest.labels(1)).endsWith("(this is an idx1-ubyte label file: images and labels swapped?)"));
        assertTrue(imagesFail(header(0x00000C03, 1, 2, 2)).endsWith("(IDX element type 0xc is not supported; only unsigned bytes)"));
        assertTrue(imagesFail(header(0x00010803, 1, 2, 2)).endsWith("(not an IDX file)"));
        assertTrue(imagesFail(header(0x00000802, 1, 2, 2)).endsWith("(not an IDX file)"));
    }
}
