package org.hopfield4j;

import java.io.IOException;

/**
 * Thrown by {@link LearnedKernel#load(java.nio.file.Path)} when a file is not an intact kernel: a kernel
 * archive that is truncated, corrupted (checksum mismatch), of another format version or inconsistent,
 * or a {@code .npy} file that is malformed or does not hold a finite 2-D W, or a file that is neither.
 * The message starts with the file and says what was expected and what was found; the cause, if any,
 * is the low-level error (e.g. a {@link java.util.zip.ZipException} or an
 * {@link org.hopfield4j.io.NpyFormatException}).
 */
public class LearnedKernelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public LearnedKernelFormatException(String message) {
        super(message);
    }

    public LearnedKernelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
