package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.hopfield4j.io.OutputSet;

/**
 * Kills CLI runs that write a set of outputs over an earlier complete set, at random moments, SIGKILL
 * and SIGTERM alternately (issue #18): after SIGTERM no hidden temporary file may be left; after either,
 * the next run's {@link OutputSet#open} repairs or cleans what the kill left, and then the targets must
 * hold one complete set ({@code check}), as a user's next run would see them.
 */
final class KillHarness {
    /** 10 kills in every build; tools/kill-test.sh asks for more ({@code -Dh4j.kills=20}) and a fresh seed. */
    static final int KILLS = Integer.getInteger("h4j.kills", 10);
    static final long SEED = Long.getLong("h4j.kill.seed", 18);

    /**
     * What must hold after kill number {@code kill}, once the repair ran; returns whether the set found is
     * the killed run's (else it is the previous run's).
     */
    @FunctionalInterface
    interface SetCheck {
        boolean check(int kill) throws IOException;
    }

    private KillHarness() {}

    /**
     * Kills {@link #KILLS} children, the {@code k}-th running {@code cliArgs.apply(k)}; {@code targets}
     * all lie in one directory. One child first runs to the end, unkilled ({@code k} = -1), to time a
     * run; each kill then comes after 0.5 to 1.3 times that, so that on a loaded or an idle machine
     * alike kills land before, during and after the commit. Records the result line for tools/kill-test.sh.
     */
    static void run(String what, IntFunction<List<String>> cliArgs, List<Path> targets, Path log, SetCheck check)
            throws Exception {
        Path dir = targets.get(0).getParent();
        Random random = new Random(SEED);
        long start = System.nanoTime();
        Process timed = ChildCli.start(cliArgs.apply(-1), log);
        assertTrue(timed.waitFor(300, TimeUnit.SECONDS), "the timed child did not end");
        assertEquals(0, timed.exitValue(), "the timed child failed, see " + log);
        long runMs = (System.nanoTime() - start) / 1_000_000;
        check.check(-1);   // its complete set is the one the first kill starts from
        int sigterms = 0;
        int newSets = 0;
        int finishedFirst = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            boolean sigterm = kill % 2 == 1;
            Process child = ChildCli.start(cliArgs.apply(kill), log);
            Thread.sleep((long) (runMs * (0.5 + 0.8 * random.nextDouble())));
            if (!child.isAlive()) {
                finishedFirst++;   // the run ended before its signal: it tests nothing beyond a complete run
            }
            if (sigterm) {
                child.destroy();
            } else {
                child.destroyForcibly();
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
            if (sigterm) {
                assertEquals(List.of(), hiddenFiles(dir), "temporary files left after SIGTERM (kill " + kill + ")");
                sigterms++;
            }
            OutputSet.open(targets).close();   // what the next run does first
            assertEquals(List.of(), hiddenFiles(dir), "temporary files left after the repair (kill " + kill + ")");
            if (check.check(kill)) {
                newSets++;
            }
        }
        KillTestResult.record(what, KILLS, sigterms, newSets, finishedFirst, SEED);
    }

    private static List<Path> hiddenFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
