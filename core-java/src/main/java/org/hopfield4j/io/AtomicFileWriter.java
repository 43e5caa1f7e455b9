package org.hopfield4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file atomically: the content goes to a temporary file in the same directory, is flushed to
 * disk, and is then renamed over the target. Readers see either the old file or the complete new one,
 * never a half-written file, and a failed write leaves the old file and no temporary file behind.
 */
final class AtomicFileWriter {

    /** Produces the file content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int MAX_NAME_ATTEMPTS = 100;

    private AtomicFileWriter() {
    }

    /** Writes {@code content} to {@code target}, replacing any existing file. */
    static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = createTempBeside(absolute);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true); // the data must be on disk before the rename makes it visible
            }
            moveIntoPlace(temp, absolute);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
            throw failure;
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException unsupported) {
            // Some file systems cannot rename atomically; a plain replace is the best that is left.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Creates a new empty file in the target's directory, so that the final rename never crosses file
     * systems. Not {@link Files#createTempFile}: that makes the file readable by its owner only, and the
     * rename would carry those permissions over to the target.
     */
    private static Path createTempBeside(Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            String name = "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp";
            Path candidate = target.resolveSibling(name);
            try {
                Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= MAX_NAME_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }
}
