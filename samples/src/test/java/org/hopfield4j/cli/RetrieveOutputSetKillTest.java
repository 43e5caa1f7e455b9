package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retrieve --out Y --weights W --energy E} over an earlier complete run with other queries, its
 * JVM killed at random moments (issue #18 item 2): the trio must be all the old run's files or all the
 * new run's, never a new Y beside old weights ({@link KillHarness}). The outputs are large enough
 * (Y 4 MB, dense W 8 MB) that many kills land while they are written. The streamed variant reads the
 * queries and writes the three files 256 rows at a time (issue #13), the weights as CSR: a kill between
 * two batches leaves no partial output either.
 */
class RetrieveOutputSetKillTest {
    private static final int M = 1000, D = 1000, B = 2000;

    @Test
    void killedRetrievalsLeaveOneCompleteSet(@TempDir Path dir) throws Exception {
        killedRunsLeaveOneCompleteSet(dir, "w.npy", List.of());
    }

    @Test
    void killedStreamedRetrievalsLeaveOneCompleteSet(@TempDir Path dir) throws Exception {
        killedRunsLeaveOneCompleteSet(dir, "w.npz", List.of("--batch", "256"));
    }

    private static void killedRunsLeaveOneCompleteSet(Path dir, String weights, List<String> extra) throws Exception {
        Path memories = NpyFixtures.write(dir.resolve("xi.npy"),
                NpyArray.ofFloat(NpyFixtures.toFloat(NpyFixtures.gaussian(M * D, 1, 1.0)), M, D));
        Path[] queries = new Path[2];
        for (int s = 0; s < 2; s++) {
            queries[s] = NpyFixtures.write(dir.resolve("q" + s + ".npy"),
                    NpyArray.ofFloat(NpyFixtures.toFloat(NpyFixtures.gaussian(B * D, 10 + s, 1.0)), B, D));
        }
        // each query set's complete trio, run to completion in-process
        byte[][][] trioOf = new byte[2][][];
        for (int s = 0; s < 2; s++) {
            Path ref = Files.createDirectory(dir.resolve("ref" + s));
            CliRun run = CliRun.run(args(memories, queries[s], ref, weights, extra).toArray(String[]::new));
            assertEquals(0, run.exitCode(), run::toString);
            trioOf[s] = read(targets(ref, weights));
        }
        assertFalse(Arrays.equals(trioOf[0][0], trioOf[1][0]), "the two query sets must give different states");

        Path out = Files.createDirectory(dir.resolve("out"));
        assertEquals(0, CliRun.run(args(memories, queries[0], out, weights, extra).toArray(String[]::new)).exitCode());
        int[] current = {0};   // the query set of the complete run in out; each child runs the other one
        List<Path> targets = targets(out, weights);
        KillHarness.run("retrieve --out --weights --energy " + String.join(" ", extra),
                kill -> args(memories, queries[1 - current[0]], out, weights, extra),
                targets, dir.resolve("child.log"), kill -> {
                    byte[][] trio = read(targets);
                    int s = Arrays.equals(trio[0], trioOf[0][0]) ? 0 : 1;
                    for (int i = 0; i < 3; i++) {
                        assertArrayEquals(trioOf[s][i], trio[i], targets.get(i).getFileName()
                                + " is not from the same complete run as --out (kill " + kill + ")");
                    }
                    boolean killedRuns = s != current[0];
                    current[0] = s;
                    return killedRuns;
                });
    }

    private static List<String> args(Path memories, Path queries, Path out, String weights, List<String> extra) {
        List<String> args = new java.util.ArrayList<>(List.of("retrieve", "--memories", memories.toString(), "--queries",
                queries.toString(), "--map", "sparsemax", "--beta", "0.05", "--steps", "2", "--quiet", "--out",
                out.resolve("y.npy").toString(), "--weights", out.resolve(weights).toString(), "--energy",
                out.resolve("e.npy").toString()));
        args.addAll(extra);
        return args;
    }

    private static List<Path> targets(Path dir, String weights) {
        return List.of(dir.resolve("y.npy"), dir.resolve(weights), dir.resolve("e.npy"));
    }

    private static byte[][] read(List<Path> files) throws IOException {
        byte[][] bytes = new byte[files.size()][];
        for (int i = 0; i < bytes.length; i++) bytes[i] = Files.readAllBytes(files.get(i));
        return bytes;
    }
}
