package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The states a kill can leave an {@link OutputSet} in, made deterministically: before the commit
 * marker (the next open keeps the old set and deletes the staging files) and after it (the next open
 * finishes the swap). The random kills of a real run are ExperimentOutputSetKillTest's (samples).
 */
class OutputSetTest {

    private static List<Path> oldSet(Path dir) throws IOException {
        List<Path> targets = List.of(dir.resolve("a.csv"), dir.resolve("b.png"), dir.resolve("sub/c.txt"));
        Files.createDirectories(dir.resolve("sub"));
        for (Path t : targets) {
            Files.writeString(t, "old " + t.getFileName());
        }
        return targets;
    }

    /** Every member staged, each with a scratch file too (a part; every test then checks it is gone). */
    private static OutputSet staged(List<Path> targets) throws IOException {
        OutputSet set = OutputSet.open(targets);
        for (Path t : targets) {
            Files.writeString(set.staging(t), "new " + t.getFileName());
            Files.writeString(set.scratch(t, "part"), "part of " + t.getFileName());
        }
        return set;
    }

    private static void assertSet(String which, List<Path> targets) throws IOException {
        for (Path t : targets) {
            assertEquals(which + " " + t.getFileName(), Files.readString(t), t.toString());
        }
        for (Path d : List.of(targets.get(0).getParent(), targets.get(2).getParent())) {
            try (Stream<Path> files = Files.list(d)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList(),
                        "hidden files left in " + d);
            }
        }
    }

    @Test
    void commitReplacesEveryMemberAndLeavesNoHiddenFile(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        try (OutputSet set = staged(targets)) {
            assertEquals(".png", set.staging(targets.get(1)).toString().substring(set.staging(targets.get(1)).toString().length() - 4));
            set.commit();
        }
        assertSet("new", targets);
    }

    @Test
    void closedWithoutCommitKeepsTheOldSet(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        staged(targets).close();
        assertSet("old", targets);
    }

    /** kill -9 while staging: the staging files stay behind until the next open deletes them. */
    @Test
    void killBeforeTheMarkerIsCleanedByTheNextOpen(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        staged(targets);   // never committed nor closed
        OutputSet.open(targets).close();
        assertSet("old", targets);
    }

    /** kill -9 after the marker, before (some of) the renames: the next open finishes the swap. */
    @Test
    void killAfterTheMarkerIsRolledForwardByTheNextOpen(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        halfSwapped(targets);
        OutputSet.open(targets).close();
        assertSet("new", targets);
    }

    /** A set stopped after its marker, its first member already renamed. */
    private static OutputSet halfSwapped(List<Path> targets) throws IOException {
        OutputSet set = staged(targets);
        set.markCommitted();
        Files.move(set.staging(targets.get(0)), targets.get(0), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return set;
    }

    @Test
    void aMissingMemberKeepsTheOldSet(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        try (OutputSet set = OutputSet.open(targets)) {
            Files.writeString(set.staging(targets.get(0)), "new a.csv");
            assertThrows(IOException.class, set::commit);
        }
        assertSet("old", targets);
    }

    /**
     * SIGTERM while the set is being written (what the shutdown hook does): the staging files go, and
     * the writing thread, which runs on during the hooks, can create none afterwards, whatever it writes with.
     */
    @Test
    void aSetShutDownBeforeItsMarkerCanCreateNoFile(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        OutputSet set = OutputSet.open(targets);
        Files.writeString(set.staging(targets.get(0)), "new a.csv");
        set.shutDown();
        assertSet("old", targets);
        assertThrows(NoSuchFileException.class, () -> Files.writeString(set.staging(targets.get(1)), "new b.png"));
        assertThrows(NoSuchFileException.class, () -> Files.writeString(set.scratch(targets.get(2), "part"), "part"));
        assertThrows(IOException.class, set::commit);
        set.close();
        assertSet("old", targets);
    }

    /** SIGTERM after the marker: the hook finishes the swap. */
    @Test
    void aSetShutDownAfterItsMarkerIsFinished(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        halfSwapped(targets).shutDown();
        assertSet("new", targets);
    }

    /** The staging files keep the target's name, in a hidden directory per target directory. */
    @Test
    void stagingFilesKeepTheTargetsNameInOneHiddenDirectoryPerTargetDirectory(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        try (OutputSet set = OutputSet.open(targets)) {
            for (Path t : targets) {
                assertEquals(t.getFileName(), set.staging(t).getFileName());
                assertEquals(t.getParent(), set.staging(t).getParent().getParent());
                assertTrue(set.staging(t).getParent().getFileName().toString().matches("\\.h4j-[0-9a-f]{16}\\.set"));
            }
            assertEquals(set.staging(targets.get(0)).getParent(), set.staging(targets.get(1)).getParent());
        }
    }

    /** Only written-through targets: nothing to swap, so no marker is written beside them (in /dev). */
    @Test
    void aSetOfDevicesOnlyWritesThroughAndLeavesNothingBesideThem() throws IOException {
        Path devNull = Path.of("/dev/null");
        List<Path> before = hidden(devNull.getParent());
        try (OutputSet set = OutputSet.open(List.of(devNull))) {
            assertEquals(devNull, set.staging(devNull));
            Files.writeString(set.staging(devNull), "through", java.nio.file.StandardOpenOption.WRITE);
            set.commit();
        }
        assertEquals(before, hidden(devNull.getParent()));
    }

    private static List<Path> hidden(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".h4j-")).sorted().toList();
        }
    }

    /**
     * A committed or closed set is no longer the shutdown hook's: were it kept, a SIGTERM during a later
     * run of the same targets in this JVM would finish or delete that run's staging files (same directory).
     */
    @Test
    void aFinishedSetIsLeftAloneByTheShutdownHook(@TempDir Path dir) throws IOException {
        List<Path> targets = oldSet(dir);
        OutputSet committed = staged(targets);
        assertTrue(committed.isRegistered());
        committed.commit();
        assertFalse(committed.isRegistered(), "registered after commit");
        OutputSet closed = OutputSet.open(targets);
        closed.close();
        assertFalse(closed.isRegistered(), "registered after close");

        OutputSet later = OutputSet.open(targets);   // a later run of the same targets, still staging
        for (Path t : targets) {
            Files.writeString(later.staging(t), "later " + t.getFileName());
        }
        committed.shutDown();
        closed.shutDown();
        later.close();
        assertSet("new", targets);             // the first commit's content; the later run never committed
    }
}
