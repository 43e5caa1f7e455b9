package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options whose values are legal numbers but impossible settings (issue #18 item 4): each is the user's
 * mistake, so exit 2 with one line on stderr that names the option, never exit 1 ("internal error").
 */
class OptionLimitExitTest {

    /** Exit 2, exactly one stderr line, and that line names every option in {@code named}. */
    private static void assertUserErrorNaming(CliRun run, String... named) {
        assertEquals(Main.EXIT_USER_ERROR, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        for (String option : named) {
            assertTrue(run.errLines().get(0).contains(option), run::toString);
        }
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    /** Integer.MAX_VALUE epochs overflowed N + 1 into a NegativeArraySizeException (exit 1) before the check. */
    @Test
    void learnKernelRefusesEpochsBeyondAnArray(@TempDir Path dir) {
        Path out = dir.resolve("w.npy");
        CliRun run = CliRun.run("learn-kernel", "--memories", dir.resolve("absent.npy").toString(),
                "--epochs", "2147483647", "--out", out.toString());
        assertUserErrorNaming(run, "--epochs", "2147483647");
        assertFalse(Files.exists(out), run::toString);
    }

    @Test
    void experimentsRefuseEpochsBeyondAnArray(@TempDir Path dir) {
        for (List<String> command : List.of(List.of("capacity", "--epochs", "2147483647"),
                List.of("noise", "--epochs", "2147483647"), List.of("epochs", "--epochs-list", "1,2147483647"))) {
            CliRun run = experiment(dir, command);
            assertUserErrorNaming(run, command.get(1));
            assertTrue(run.out().isEmpty(), run::toString);   // refused before the header
        }
    }

    /** Stage I diverging is the options' doing (learn-kernel already says so with exit 2); the line names both. */
    @Test
    void experimentDivergenceIsAUserErrorNamingLrAndT(@TempDir Path dir) {
        for (String option : List.of("--lr", "--t")) {
            CliRun run = experiment(dir, List.of("capacity", option, "1e308"));
            assertUserErrorNaming(run, "--lr", "--t", "1.0E308");
            assertFalse(Files.exists(dir.resolve("capacity.csv")), run::toString);
        }
    }

    /** A tiny U-Hop-only run on the synthetic data, with {@code command} (name first) and its options. */
    private static CliRun experiment(Path dir, List<String> command) {
        List<String> args = new ArrayList<>(List.of("experiment"));
        args.addAll(command);
        args.addAll(List.of("--dataset", "synthetic", "--models", "uhop-dense", "--seeds", "1", "--no-progress",
                "--out", dir.toString()));
        if (!command.get(0).equals("epochs")) {
            args.addAll(List.of("--epochs", "2"));
        }
        if (command.get(0).equals("capacity")) {
            args.addAll(List.of("--sizes", "10"));
        } else {
            args.addAll(List.of("--size", "10"));
        }
        return CliRun.run(args.toArray(String[]::new));
    }
}
