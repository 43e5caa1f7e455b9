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

    @Test
    void capacityRowsAreIdentical() throws IOException {
        String[] args = {"--sizes", "6,10", "--seeds", "2", "--epochs", "3"};
        List<String> rows = command("capacity", args);
        assertEquals(1 + 8 * 2, rows.size(), rows::toString);
        assertEquals(rows, script("capacity", args));
    }

    @Test
    void noiseRowsAreIdentical() throws IOException {
        String[] args = {"--sigmas", "0,0.5", "--size", "6", "--seeds", "2", "--epochs", "3"};
        List<String> rows = command("noise", args);
        assertEquals(1 + 8 * 2, rows.size(), rows::toString);
        assertEquals(rows, script("noise", args));
    }

    @Test
    void epochsRowsAreIdentical() throws IOException {
        String[] args = {"--epochs-list", "0,2,4", "--size", "6", "--seeds", "2"};
        List<String> rows = command("epochs", args);
        assertEquals(1 + 2 * 3, rows.size(), rows::toString);
        assertEquals(rows, script("epochs", args));
    }
}
