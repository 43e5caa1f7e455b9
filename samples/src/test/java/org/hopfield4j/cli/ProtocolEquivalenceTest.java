package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code experiment} commands and the {@code mnist-*.hop.kts} scripts run one protocol: with the
 * same arguments they write the same CSV, digit for digit (here on the synthetic images, so it runs
 * without MNIST; every model, two seeds, a few epochs of stage I).
 */
class ProtocolEquivalenceTest {
    @TempDir
    Path dir;

    private List<String> command(String experiment, String... args) throws IOException {
        Path out = dir.resolve("command-" + experiment);
        String[] all = new String[args.length + 7];
        all[0] = "experiment";
        all[1] = experiment;
        System.arraycopy(new String[] {"--dataset", "synthetic", "--no-progress", "--out", out.toString()}, 0, all, 2, 5);
        System.arraycopy(args, 0, all, 7, args.length);
        CliRun run = CliRun.run(all);
        assertEquals(0, run.exitCode(), run::toString);
        return Files.readAllLines(out.resolve(experiment + ".csv"));
    }

    private List<String> script(String experiment, String... args) throws IOException {
        Path csv = dir.resolve("script-" + experiment + ".csv");
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"--dataset", "synthetic", "--csv", csv.toString()}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        RunCommandTest.runScript("mnist-" + experiment + ".hop.kts", all);
        return Files.readAllLines(csv);
    }

    /** The command's CSV has {@code rows} lines, and the script's is the same, line for line. */
    private void assertSameRows(String experiment, int rows, String... args) throws IOException {
        List<String> command = command(experiment, args);
        assertEquals(rows, command.size(), command::toString);
        assertEquals(command, script(experiment, args));
    }

    @Test
    void capacityRowsAreIdentical() throws IOException {
        assertSameRows("capacity", 1 + 8 * 2, "--sizes", "6,10", "--seeds", "2", "--epochs", "3");
    }

    @Test
    void noiseRowsAreIdentical() throws IOException {
        assertSameRows("noise", 1 + 8 * 2, "--sigmas", "0,0.5", "--size", "6", "--seeds", "2", "--epochs", "3");
    }

    @Test
    void epochsRowsAreIdentical() throws IOException {
        assertSameRows("epochs", 1 + 2 * 3, "--epochs-list", "0,2,4", "--size", "6", "--seeds", "2");
    }
}
