package org.hopfield4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Several output files committed as a set (docs/reliability.md#output-targets): after any kill, the
 * targets hold the complete old set or the complete new set, never a mix or a truncated file.
 *
 * <p>How: every member is first written in full to its <em>staging file</em>, a hidden sibling
 * {@code .h4j-<16 hex>.set.<target's extension>} named after the target (so a later run finds it). Once all are written,
 * a <em>commit marker</em> listing the staging and target paths is written and flushed beside the
 * first target; then each staging file is renamed over its target and the marker deleted. A kill
 * before the marker exists leaves the old set (the staging files are deleted on SIGTERM/SIGINT by a
 * shutdown hook, and by the next {@link #open} after a kill -9); a kill after it is rolled forward:
 * the shutdown hook, or else the next {@link #open} of the same targets, finishes the renames. A
 * reader between the first and the last rename can see a mix: the set is complete again once the
 * process exits or the next run starts.
 *
 * <p>A target that is a character device or FIFO (e.g. {@code /dev/null}) is written through and
 * takes no part in the swap: {@link #staging} returns the target itself.
 */
public final class OutputSet implements AutoCloseable {

    private static final Set<OutputSet> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OutputSet::onShutdown, "hopfield4j-output-set"));
    }

    private final Map<Path, Path> stagingByTarget = new LinkedHashMap<>();
    private final Path marker;
    private volatile boolean markerWritten;
    private volatile boolean done;
    private boolean abandoned;

    private OutputSet(List<Path> targets) throws IOException {
        for (Path target : targets) {
            Path absolute = target.toAbsolutePath().normalize();
            if (isThroughTarget(absolute)) {
                continue;
            }
            stagingByTarget.put(absolute, absolute.resolveSibling(AtomicFileWriter.TEMP_PREFIX + hash(absolute.toString())
                    + ".set" + extension(absolute)));
        }
        Path first = targets.get(0).toAbsolutePath().normalize();
        marker = first.resolveSibling(AtomicFileWriter.TEMP_PREFIX + hash(String.join("\n", stagingByTarget.keySet().stream()
                .map(Path::toString).toList())) + ".commit");
    }

    /**
     * The set of {@code targets}, after repairing what a killed earlier run of the same targets left:
     * a committed half-swap is finished, uncommitted staging files are deleted.
     */
    public static OutputSet open(List<Path> targets) throws IOException {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("an output set needs at least one target");
        }
        OutputSet set = new OutputSet(targets);
        set.recover();
        OPEN.add(set);
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
     * {@code <staging file>.<suffix>}, so that whatever deletes the staging files — {@link #close()}
     * without a commit, the shutdown hook, the next {@link #open} after a kill -9 — deletes it too, and
     * {@link #commit()} as well. A written-through target's scratch files are temporary files (deleted on exit).
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
        finishSwap();
        done = true;
        OPEN.remove(this);
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
            writeMarker();
            markerWritten = true;
        }
    }

    /** Without a {@link #commit}: deletes the staging files, keeping the old set. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            OPEN.remove(this);
            if (!markerWritten) {
                deleteStaging();
            }
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
            deleteScratch(e.getValue());
        }
        Files.deleteIfExists(marker);
    }

    private void deleteStaging() throws IOException {
        for (Path staging : stagingByTarget.values()) {
            Files.deleteIfExists(staging);
            deleteScratch(staging);
        }
    }

    /** Deletes the {@link #scratch} files of a staging file: its siblings named {@code <staging>.*}. */
    private static void deleteScratch(Path staging) throws IOException {
        Path dir = staging.getParent();
        String prefix = staging.getFileName() + ".";
        if (dir == null || !Files.isDirectory(dir)) return;
        List<Path> scratch;
        try (var files = Files.list(dir)) {
            scratch = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
        }
        for (Path f : scratch) Files.deleteIfExists(f);
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

    /**
     * The target's extension (".png"), kept on its staging file because some writers choose the format
     * by it or append it; at most 16 characters, so the staging name stays a legal name.
     */
    private static String extension(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
    }

    /** Whether {@code file} is named as a set's staging file ({@code .h4j-<16 hex>.set…}). */
    static boolean isStagingFile(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().matches("\\.h4j-[0-9a-f]{16}\\.set.*");
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
        for (OutputSet set : new ArrayList<>(OPEN)) {
            try {
                synchronized (set) {
                    if (set.markerWritten) {
                        set.finishSwap();
                    } else {
                        set.abandoned = true;
                        set.deleteStaging();
                        // The writing thread runs on during the shutdown hooks and may still create a
                        // staging file after this deletion; the JDK's delete-on-exit pass runs after every
                        // application hook. Safe: an abandoned set never writes its marker (markCommitted).
                        set.stagingByTarget.values().forEach(staging -> staging.toFile().deleteOnExit());
                    }
                }
            } catch (IOException ignored) {
                // the JVM is going down; the next open() of these targets repairs what is left
            }
        }
    }
}
