package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The result line of a kill test that passed, appended to target/kill-test-results.txt for tools/kill-test.sh. */
final class KillTestResult {
    private KillTestResult() {}

    static void record(String what, int kills, int sigterms, int newSets, int finishedFirst, long seed)
            throws IOException {
        String line = String.format("%s: %s: %d kills (%d SIGKILL, %d SIGTERM at random moments, seed %d; %d runs "
                        + "had ended before their signal): each left one complete set of outputs (%d the killed run's, "
                        + "%d the previous run's), no temporary file after any SIGTERM%n",
                Instant.now(), what, kills, kills - sigterms, sigterms, seed, finishedFirst, newSets, kills - newSets);
        Files.writeString(Path.of("target", "kill-test-results.txt"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
