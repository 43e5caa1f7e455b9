package org.hopfield4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Several output files committed as a set (docs/reliability.md#output-targets): after any kill, the
 * targets hold the complete old set or the complete new set, never a mix or a truncated file.
 *
 * <p>How: every member is first written in full to its <em>staging file</em>, which has the target's
 * own name inside a hidden <em>staging directory</em> beside it, {@code .h4j-<16 hex>.set/} (named
 * after the set's targets, so a later run finds it; one per directory that holds a target). Once all
 * are written, a <em>commit marker</em> listing the staging and target paths is written and flushed
 * beside the first target; then each staging file is renamed over its target, the staging directories
 * and the marker deleted. A kill before the marker exists leaves the old set (the staging directories
 * are deleted on SIGTERM/SIGINT by a shutdown hook, and by the next {@link #open} after a kill -9); a
 * kill after it is rolled forward: the shutdown hook, or else the next {@link #open} of the same
 * targets, finishes the renames. A reader between the first and the last rename can see a mix: the
 * set is complete again once the process exits or the next run starts.
 *
 * <p>Why a directory: the thread writing the set runs on while the shutdown hooks run, and may create
 * a staging or scratch file after the hook deleted the others. Once the hook has removed the staging
 * directory, no file can be created in it (the writer gets a {@link java.nio.file.NoSuchFileException}),
 * whatever API the writer uses; a file it still has open is unlinked with the directory.
 *
 * <p>A target that is a character device or FIFO (e.g. {@code /dev/null}) is written through and
 * takes no part in the swap: {@link #staging} returns the target itself.
 */
public final class OutputSet implements AutoCloseable {

    /** Guards {@link #OPEN} and {@link #shuttingDown}: no set opens after the shutdown hook took its list. */
    private static final Object LIFECYCLE = new Object();
    private static final Set<OutputSet> OPEN = new HashSet<>();
    private static boolean shuttingDown;
    private static final String STAGING_SUFFIX = ".set";
    private static final Pattern STAGING_DIRECTORY = Pattern.compile(
            Pattern.quote(AtomicFileWriter.TEMP_PREFIX) + "[0-9a-f]{16}" + Pattern.quote(STAGING_SUFFIX));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OutputSet::onShutdown, "hopfield4j-output-set"));
    }

    private final Map<Path, Path> stagingByTarget = new LinkedHashMap<>();
    private final Set<Path> stagingDirectories = new LinkedHashSet<>();
    private final Path marker;
    private volatile boolean markerWritten;
    private volatile boolean done;
    private boolean abandoned;

    private OutputSet(List<Path> targets) throws IOException {
        List<Path> members = new ArrayList<>();
        for (Path target : targets) {
            Path absolute = target.toAbsolutePath().normalize();
            if (!isThroughTarget(absolute) && !members.contains(absolute)) {
                members.add(absolute);
            }
        }
        String id = AtomicFileWriter.TEMP_PREFIX + hash(String.join("\n", members.stream().map(Path::toString).toList()));
        for (Path member : members) {
            Path directory = member.resolveSibling(id + STAGING_SUFFIX);
            stagingDirectories.add(directory);
            stagingByTarget.put(member, directory.resolve(member.getFileName()));
        }
        marker = targets.get(0).toAbsolutePath().normalize().resolveSibling(id + ".commit");
    }

    /**
     * The set of {@code targets}, after repairing what a killed earlier run of the same targets left:
     * a committed half-swap is finished, uncommitted staging files are deleted.
     *
     * @throws IOException if a staging directory cannot be made beside a target (e.g. its directory is
     *         missing or not writable), or the JVM is already shutting down
     */
    public static OutputSet open(List<Path> targets) throws IOException {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("an output set needs at least one target");
        }
        OutputSet set = new OutputSet(targets);
        synchronized (LIFECYCLE) {
            if (shuttingDown) {
                throw new IOException(targets.get(0) + ": not written, the JVM is shutting down");
            }
            set.recover();
            for (Path directory : set.stagingDirectories) {
                Files.createDirectory(directory);
            }
            OPEN.add(set);
        }
        return set;
    }

    /** Where to write {@code target}'s new content (one of the targets given to {@link #open}). */
    public Path staging(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path staging = stagingByTarget.get(absolute);
        return staging != null ? staging : absolute;
    }

    /**
     * A scratch file of {@code target}'s new content (e.g. one part of an archive assembled at the end):
     * {@code <staging file>.<suffix>} in the staging directory, so that whatever deletes the staging
     * files — {@link #close()} without a commit, the shutdown hook, the next {@link #open} after a
     * kill -9 — deletes it too, and {@link #commit()} as well. A written-through target's scratch files
     * are temporary files (deleted on exit).
     */
    public Path scratch(Path target, String suffix) throws IOException {
        Path staging = stagingByTarget.get(target.toAbsolutePath().normalize());
        if (staging == null) {
            Path file = Files.createTempFile(AtomicFileWriter.TEMP_PREFIX + "scratch-", "." + suffix);
            file.toFile().deleteOnExit();
            return file;
        }
        return staging.resolveSibling(staging.getFileName() + "." + suffix);
    }

    /** Makes the staged files the targets' content, all or none (see the class documentation). */
    public void commit() throws IOException {
        markCommitted();
        synchronized (this) { // the shutdown hook may be finishing the same swap
            finishSwap();
        }
        done = true;
        forget();
    }

    /** The point of no return: every staged file on disk, then the marker that promises the swap. */
    void markCommitted() throws IOException {
        for (Map.Entry<Path, Path> e : stagingByTarget.entrySet()) {
            if (!Files.isRegularFile(e.getValue(), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(e.getKey() + ": its new content was not written, the old set is kept");
            }
            try (FileChannel staged = FileChannel.open(e.getValue(), StandardOpenOption.WRITE)) {
                staged.force(true); // on disk before the marker can promise it
            }
        }
        synchronized (this) { // against the shutdown hook deciding between roll-forward and clean-up
            if (abandoned) {
                throw new IOException("the JVM is shutting down; the new output set was discarded, the old one is kept");
            }
            if (!stagingByTarget.isEmpty()) { // only written-through targets: nothing to swap
                writeMarker();
            }
            markerWritten = true;
        }
    }

    /** Without a {@link #commit}: deletes the staging files, keeping the old set. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            forget();
            if (!markerWritten) {
                deleteStaging();
            }
        }
    }

    /**
     * What the shutdown hook does to a set still open: a committed one is finished; any other is
     * abandoned (it can no longer commit) and its staging directories are deleted, after which its
     * writers cannot create any file in them.
     */
    synchronized void shutDown() throws IOException {
        if (done) {
            return; // committed or closed meanwhile: a newer set of the same targets may be staging now
        }
        if (markerWritten) {
            finishSwap();
        } else {
            abandoned = true;
            deleteStaging();
        }
    }

    /** Whether the shutdown hook would still act on this set (until it is committed or closed); for tests. */
    boolean isRegistered() {
        synchronized (LIFECYCLE) {
            return OPEN.contains(this);
        }
    }

    private void forget() {
        synchronized (LIFECYCLE) {
            OPEN.remove(this);
        }
    }

    private void recover() throws IOException {
        if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            rollForward(marker);
        }
        deleteStaging();
    }

    /** Renames every staging file the marker lists that is still there, then deletes the marker. */
    private static void rollForward(Path marker) throws IOException {
        for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                move(Path.of(line.substring(0, tab)), Path.of(line.substring(tab + 1)));
            }
        }
        Files.deleteIfExists(marker);
    }

    private void writeMarker() throws IOException {
        StringBuilder text = new StringBuilder();
        stagingByTarget.forEach((target, staging) -> text.append(staging).append('\t').append(target).append('\n'));
        // atomic and on disk before it is visible: the marker, once there, must list every member
        AtomicFileWriter.write(marker, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private void finishSwap() throws IOException {
        for (Map.Entry<Path, Path> e : stagingByTarget.entrySet()) {
            move(e.getValue(), e.getKey());
        }
        deleteStaging();
        Files.deleteIfExists(marker);
    }

    private void deleteStaging() throws IOException {
        for (Path directory : stagingDirectories) {
            deleteDirectory(directory);
        }
    }

    /**
     * Deletes a staging directory and what is in it (staging, scratch and temporary files). A writer
     * may create a file between the listing and the removal of the directory: then the listing is
     * repeated, and once the directory is gone nothing more can be created in it.
     */
    private static void deleteDirectory(Path directory) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                List<Path> files;
                try (Stream<Path> listing = Files.list(directory)) {
                    files = listing.toList();
                }
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(directory);
                return;
            } catch (NoSuchFileException deletedMeanwhile) {
                return; // by the commit or the shutdown hook, on the other thread
            } catch (DirectoryNotEmptyException writtenMeanwhile) {
                if (attempt >= 1000) {
                    throw writtenMeanwhile;
                }
            }
        }
    }

    /** Renames {@code from} over {@code to}; a {@code from} already gone was moved by a previous attempt. */
    private static void move(Path from, Path to) throws IOException {
        try {
            AtomicFileWriter.moveIntoPlace(from, to);
        } catch (NoSuchFileException alreadyMoved) {
            // renamed earlier (by the shutdown hook, or before a kill)
        }
    }

    private static boolean isThroughTarget(Path target) throws IOException {
        return Files.exists(target) && !Files.isRegularFile(target) && AtomicFileWriter.isDeviceOrFifo(target);
    }

    /** Whether {@code file} lies in a set's staging directory ({@code .h4j-<16 hex>.set/}). */
    static boolean isStagingFile(Path file) {
        Path directory = file.getParent();
        Path name = directory == null ? null : directory.getFileName();
        return name != null && STAGING_DIRECTORY.matcher(name.toString()).matches();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** SIGTERM/SIGINT: a committed set is finished, an uncommitted one's staging files are deleted. */
    private static void onShutdown() {
        List<OutputSet> open;
        synchronized (LIFECYCLE) {
            shuttingDown = true;
            open = new ArrayList<>(OPEN);
        }
        for (OutputSet set : open) {
            try {
                set.shutDown();
            } catch (IOException ignored) {
                // the JVM is going down; the next open() of these targets repairs what is left
            }
        }
    }
}
