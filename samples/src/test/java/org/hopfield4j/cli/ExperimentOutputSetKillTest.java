package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiment capacity --out DIR} over an earlier complete run, its JVM killed (SIGKILL and
 * SIGTERM alternately) at random moments: DIR must then hold one run's csv, png and protocol, all
 * complete and from the same run (issue #18 item 2). After SIGTERM no hidden temporary file may be
 * left; after SIGKILL the next run's {@link org.hopfield4j.io.OutputSet#open} repairs or cleans what the kill left,
 * and the check is made after it, as a user's next run would see DIR.
 */
class ExperimentOutputSetKillTest {
    private static List<String> args(long seed, Path out) {
        return List.of("experiment", "capacity", "--dataset", "synthetic", "--sizes", "10,20", "--seeds", "1",
                "--seed", Long.toString(seed), "--epochs", "2", "--no-progress", "--out", out.toString());
    }

    @Test
    void killedRunsLeaveOneCompleteRun(@TempDir Path dir) throws Exception {
        // the csv of each seed, run to completion in-process: what a complete set of that seed holds
        byte[][] csvOfSeed = new byte[2][];
        for (int s = 0; s < 2; s++) {
            Path ref = dir.resolve("ref" + s);
            CliRun run = CliRun.run(args(s, ref).toArray(String[]::new));
            assertEquals(0, run.exitCode(), run::toString);
            csvOfSeed[s] = Files.readAllBytes(ref.resolve("capacity.csv"));
        }
        assertTrue(!java.util.Arrays.equals(csvOfSeed[0], csvOfSeed[1]), "the two seeds must give different csv files");

        Path out = dir.resolve("out");
        assertEquals(0, CliRun.run(args(0, out).toArray(String[]::new)).exitCode());
        int[] current = {0};   // the seed of the complete run in out; each child runs the other one
        KillHarness.run("experiment capacity --out DIR", kill -> args(1 - current[0], out), targets(out),
                dir.resolve("child.log"), kill -> {
                    int seed = assertOneCompleteRun(out, csvOfSeed, kill);
                    boolean killedRuns = seed != current[0];
                    current[0] = seed;
                    return killedRuns;
                });
    }

    private static List<Path> targets(Path out) {
        return List.of(out.resolve("capacity.csv"), out.resolve("capacity.png"), out.resolve("capacity-protocol.txt"));
    }

    /** The csv is one seed's, the protocol names that same seed and is complete, the png decodes; returns the seed. */
    private static int assertOneCompleteRun(Path out, byte[][] csvOfSeed, int kill) throws IOException {
        byte[] csv = Files.readAllBytes(out.resolve("capacity.csv"));
        int seed = java.util.Arrays.equals(csv, csvOfSeed[0]) ? 0 : 1;
        assertArrayEquals(csvOfSeed[seed], csv, "capacity.csv is neither seed's complete table (kill " + kill + ")");
        String protocol = Files.readString(out.resolve("capacity-protocol.txt"));
        assertTrue(protocol.contains("seeds " + seed + ".." + seed + "\n"),
                "protocol of another run than the csv's seed " + seed + " (kill " + kill + "):\n" + protocol);
        assertTrue(protocol.contains("\nruntime: "), "truncated protocol (kill " + kill + ")");
        assertNotNull(ImageIO.read(out.resolve("capacity.png").toFile()), "capacity.png does not decode (kill " + kill + ")");
        return seed;
    }
}
