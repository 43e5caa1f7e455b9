package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyFormatException;
import org.hopfield4j.io.NpyReadOptions;

/**
 * Reading and writing {@code .npy} files for the commands: every I/O problem becomes a
 * {@link UserError} that names the option, the file and what is wrong. Writes are atomic
 * ({@link Npy#write(Path, NpyArray)}): a failed write leaves any previous file unchanged.
 */
final class NpyFiles {
    private NpyFiles() {}

    /** Reads {@code file} given by {@code option} (e.g. "--in"), converting as {@code options} say. */
    static NpyArray read(String option, Path file, NpyReadOptions options) {
        checkReadable(option, file, ".npy");
        try {
            return Npy.read(file, options);
        } catch (NpyFormatException e) {
            // the message starts with the file name and says what is expected and what was found
            throw new UserError(option + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": cannot read: " + reason(e), e);
        }
    }

    /** Fails with a {@link UserError} unless {@code file} is an existing, readable file ({@code kind}, e.g. ".npy"). */
    static void checkReadable(String option, Path file, String kind) {
        if (file.toString().isEmpty()) {
            // Path.of("") is the working directory: "is a directory" would be true but misleading
            throw new UserError(option + ": empty path, expected a " + kind + " file");
        }
        if (!Files.exists(file)) {
            throw new UserError(option + " " + file + ": no such file" + undecodedName(file));
        }
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + file + ": is a directory, expected a " + kind + " file");
        }
        if (!Files.isReadable(file)) {
            throw new UserError(option + " " + file + ": permission denied");
        }
    }

    /** Writes {@code data} as float32 of {@code shape} to {@code file} given by {@code option} (e.g. "--out"). */
    static void write(String option, Path file, float[] data, int[] shape) {
        try {
            Npy.write(file, data, shape);
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": cannot write: " + reason(e), e);
        }
    }

    /** Writes {@code data} as float64 of {@code shape} to {@code file} given by {@code option}. */
    static void write(String option, Path file, double[] data, int[] shape) {
        try {
            Npy.write(file, data, shape);
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": cannot write: " + reason(e), e);
        }
    }

    /**
     * Why a name that exists on disk can still be "no such file": the JVM decodes command-line arguments
     * with the platform encoding ({@code sun.jnu.encoding}) and turns bytes it cannot decode into
     * U+FFFD, so a file whose name is not valid in that encoding (Latin-1 bytes under a UTF-8 locale)
     * cannot be named. Empty when the name decoded cleanly.
     */
    static String undecodedName(Path file) {
        if (file.toString().indexOf('\uFFFD') < 0) {
            return "";
        }
        return " (the name has bytes that are not valid " + System.getProperty("sun.jnu.encoding", "in the platform encoding")
                + ", shown as U+FFFD; Java cannot open such a name: rename the file)";
    }

    /** The reason of an I/O failure without repeating the file name. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
