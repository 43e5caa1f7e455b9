package org.hopfield4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes an output file by the project's output-target policy (docs/reliability.md#output-targets):
 * <ul>
 *   <li>a <b>regular file</b> (or a new name) is replaced atomically: the content goes to a temporary file
 *       in the same directory, is flushed to disk and renamed over the target, which keeps the old
 *       file's permissions (and owner, where the process may set it). Readers see the old file or the
 *       complete new one; a failed write leaves the old file and no temporary file;</li>
 *   <li>a <b>character device or FIFO</b> ({@code /dev/null}, {@code /dev/stdout}, a named pipe) is
 *       written through and never replaced: renaming over it would destroy the device node;</li>
 *   <li>anything else (a directory, a socket) is refused with an {@link IOException} saying what it is.</li>
 * </ul>
 * A symbolic link is followed: the file it points to is what gets replaced. Temporary names have a
 * fixed length of 24 characters, whatever the target's name, so any legal target name works. A
 * temporary file still open when the JVM is stopped by SIGTERM or SIGINT is deleted by a shutdown hook.
 */
final class AtomicFileWriter {

    /** Produces the file content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Prefix of every temporary file; the name is this, 16 hex digits and ".tmp". */
    static final String TEMP_PREFIX = ".h4j-";

    private static final int MAX_NAME_ATTEMPTS = 100;
    private static final Set<Path> OPEN_TEMPS = ConcurrentHashMap.newKeySet();
    /**
     * Set by the shutdown hook; a temporary file is created and registered in one step under
     * {@code OPEN_TEMPS}' lock, so none can appear after the hook took its list (a thread writing
     * while the JVM shuts down gets an IOException instead).
     */
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFileWriter::deleteOpenTemps, "hopfield4j-temp-cleanup"));
    }

    private AtomicFileWriter() {
    }

    /** Writes {@code content} to {@code target} by the policy above. */
    static void write(Path target, Content content) throws IOException {
        Path resolved = resolveLinks(target.toAbsolutePath());
        BasicFileAttributes existing = attributesOrNull(resolved);
        if (OutputSet.isStagingFile(resolved)) {
            writeStaged(resolved, content);
        } else if (existing == null || existing.isRegularFile()) {
            replace(resolved, existing != null, content);
        } else if (existing.isOther() && isDeviceOrFifo(resolved)) {
            writeThrough(resolved, content);
        } else {
            throw new IOException(target + ": " + (existing.isDirectory() ? "is a directory" : "is not a regular file, "
                    + "character device or FIFO") + ", cannot write output there");
        }
    }

    private static void replace(Path target, boolean exists, Content content) throws IOException {
        Path temp = createTempBeside(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true); // the data must be on disk before the rename makes it visible
            }
            if (exists) {
                copyPermissions(target, temp);
            }
            moveIntoPlace(temp, target);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
            throw failure;
        } finally {
            OPEN_TEMPS.remove(temp);
        }
    }

    /**
     * An {@link OutputSet}'s staging file is already the hidden file that is renamed into place at the
     * commit, and the next run of the set deletes it if a kill left it half-written; a temporary file of
     * its own would be one more, and one that no later run knows to delete after kill -9 (found by
     * RetrieveOutputSetKillTest). So it is written directly, and flushed to disk.
     */
    private static void writeStaged(Path staging, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(staging, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            content.writeTo(Channels.newOutputStream(channel));
            channel.force(true);
        }
    }

    private static void writeThrough(Path target, Content content) throws IOException {
        // no TRUNCATE (a device has no length) and no force (fsync on /dev/null fails with EINVAL)
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
            content.writeTo(out);
        }
    }

    private static Path resolveLinks(Path path) throws IOException {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops >= 40) {
                throw new IOException(path + ": too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        return p;
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    /** Character devices and FIFOs, told apart from sockets and block devices by the unix file mode. */
    static boolean isDeviceOrFifo(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int type = mode & 0170000;
            return type == 0020000 /* S_IFCHR */ || type == 0010000 /* S_IFIFO */;
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return true; // no way to tell on this platform: writing through is the harmless choice
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView fromView = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView toView = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (fromView == null || toView == null) {
            return; // not a POSIX file system: nothing to keep
        }
        PosixFileAttributes old = fromView.readAttributes();
        toView.setPermissions(old.permissions());
        try {
            toView.setOwner(old.owner());
            toView.setGroup(old.group());
        } catch (IOException | SecurityException notPermitted) {
            // only root may give a file away; the permissions are what matters to the user
        }
    }

    /** Renames {@code temp} over {@code target}, atomically where the file system can. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
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
     * rename would carry those permissions over to a new target.
     */
    private static Path createTempBeside(Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            String name = TEMP_PREFIX + String.format("%016x", ThreadLocalRandom.current().nextLong()) + ".tmp";
            Path candidate = target.resolveSibling(name);
            try {
                synchronized (OPEN_TEMPS) {
                    if (shuttingDown) {
                        throw new IOException(target + ": not written, the JVM is shutting down");
                    }
                    Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                    OPEN_TEMPS.add(candidate);
                }
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= MAX_NAME_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    private static void deleteOpenTemps() {
        synchronized (OPEN_TEMPS) {
            shuttingDown = true;
        }
        for (Path temp : OPEN_TEMPS) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the JVM is going down; a leftover is all that can happen
            }
        }
    }
}
