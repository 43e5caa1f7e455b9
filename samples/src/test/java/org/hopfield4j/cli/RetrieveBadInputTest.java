package org.hopfield4j.cli;

import static org.hopfield4j.cli.UserErrors.assertUserError;
import static org.hopfield4j.cli.UserErrors.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpzWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * User errors of {@code retrieve}, {@code learn-kernel} and the new benchmarks: exit code 2, exactly
 * one line on stderr {@code hopfield4j <command>: <what is wrong>}, nothing on stdout, no stack trace.
 */
class RetrieveBadInputTest {
    @TempDir
    static Path dir;

    static String xi;      // (4, 3)
    static String x;       // (2, 3)
    static String out;

    @BeforeAll
    static void files() throws IOException {
        xi = NpyFixtures.write(dir.resolve("xi.npy"), NpyArray.ofFloat(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0}, 4, 3))
                .toString();
        x = NpyFixtures.write(dir.resolve("x.npy"), NpyArray.ofFloat(new float[] {1, 0, 0, 0, 1, 0}, 2, 3)).toString();
        out = dir.resolve("y.npy").toString();
        NpyFixtures.write(dir.resolve("x4.npy"), NpyArray.ofFloat(new float[8], 2, 4));
        NpyFixtures.write(dir.resolve("w25.npy"), NpyArray.ofDouble(new double[10], 2, 5));
        NpyFixtures.write(dir.resolve("w33.npy"), NpyArray.ofDouble(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3));
        NpyFixtures.write(dir.resolve("wnan.npy"), NpyArray.ofDouble(new double[] {1, 0, 0, 0, Double.NaN, 0}, 2, 3));
        NpyFixtures.write(dir.resolve("xnan.npy"), NpyArray.ofFloat(new float[] {0, 0, 0, 0, 0, Float.NaN}, 2, 3));
        NpyFixtures.write(dir.resolve("vector.npy"), NpyArray.ofFloat(new float[] {1, 2, 3}, 3));
        NpyFixtures.write(dir.resolve("norows.npy"), NpyArray.ofFloat(new float[0], 0, 3));
        NpyFixtures.write(dir.resolve("one.npy"), NpyArray.ofFloat(new float[] {1, 2, 3}, 1, 3));
        NpyFixtures.rawFloat32(dir.resolve("cube.npy"), 2, 2, 3);
        Files.createDirectory(dir.resolve("adir"));
        NpyFixtures.raw(dir.resolve("complex64.npy"), "<c8", 8, 4, 3);
        // kernel archives: good ones of the wrong shape, damaged ones, and things that are not kernels
        LearnedKernel.of(new double[10], 2, 5).save(dir.resolve("k25.npz"));
        Path good = dir.resolve("k33.npz");
        LearnedKernel.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3).save(good);
        byte[] bytes = Files.readAllBytes(good);
        Files.write(dir.resolve("truncated.npz"), Arrays.copyOf(bytes, bytes.length - 10));
        NpyArray w = NpyArray.ofDouble(new double[] {1, 0, 0, 0, 1, 0}, 2, 3);
        NpzWriter.create().add("W", w).add("metadata", NpyArray.ofDouble(new double[] {0x48344A4B, 1, 2, 3, 8, 12345}, 6))
                .write(dir.resolve("badcrc.npz"));
        NpzWriter.create().add("W", w).add("metadata", NpyArray.ofDouble(new double[] {0x48344A4B, 2, 2, 3, 8, 0}, 6))
                .write(dir.resolve("v2.npz"));
        try (MemoryStore store = MemoryStore.ofFloat(new float[] {1, 2, 3}, 1, 3)) {
            store.save(dir.resolve("store.npz"));
        }
        Files.writeString(dir.resolve("kernel.txt"), "W = [[1, 0, 0]]");
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    /** retrieve --memories xi --queries x --out y, plus {@code extra}. */
    private static String[] retrieve(String... extra) {
        List<String> a = new ArrayList<>(List.of("retrieve", "--memories", xi, "--queries", x, "--out", out));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static String[] learn(String... extra) {
        List<String> a = new ArrayList<>(List.of("learn-kernel", "--memories", xi, "--epochs", "2", "--no-progress",
                "--out", f("w.npy")));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // retrieve: options
                bad("Missing required option: '--memories=FILE'", "retrieve", "--queries", x, "--out", out),
                bad("Missing required option: '--out=FILE'", "retrieve", "--memories", xi, "--queries", x),
                bad("unknown map 'relu', expected one of softmax, sparsemax, entmax15 (alias entmax1.5), entmax, "
                        + "normmax, poly (alias polynomial)", retrieve("--map", "relu")),
                bad("unknown similarity 'hamming', expected one of dot, kernel, l2, manhattan (alias l1), cosine",
                        retrieve("--similarity", "hamming")),
                bad("the kernel similarity needs W", retrieve("--similarity", "kernel")),
                bad("--beta must be finite and > 0, got 0.0", retrieve("--beta", "0")),
                bad("--steps must be >= 0, got -1", retrieve("--steps", "-1")),
                bad("--eps must be finite and >= 0, got -0.5", retrieve("--eps", "-0.5")),
                bad("--map entmax needs --alpha", retrieve("--map", "entmax")),
                bad("--alpha must be finite and > 1, got 1.0", retrieve("--map", "entmax", "--alpha", "1")),
                bad("--alpha only applies to --map entmax, normmax, not --map poly", retrieve("--map", "poly", "--alpha", "1.5")),
                bad("--degree only applies to --map poly, not --map sparsemax", retrieve("--degree", "3")),
                bad("--degree must be finite and > 0, got 0.0", retrieve("--map", "poly", "--degree", "0")),
                bad("cannot be combined with --similarity l2", retrieve("--kernel", f("w33.npy"), "--similarity", "l2")),
                bad("--energy is defined for the dot similarity and the kernel, not --similarity manhattan",
                        retrieve("--similarity", "l1", "--energy", f("e.npy"))),
                bad("--energy is not defined for --map poly", retrieve("--map", "poly", "--energy", f("e.npy"))),
                bad("must end in .npy (dense B x M) or .npz (sparse CSR)", retrieve("--weights", f("w.txt"))),
                bad("--out and --weights name the same file", retrieve("--weights", out)),
                // retrieve: files and data
                bad("dimension mismatch: --queries", "retrieve", "--memories", xi, "--queries", f("x4.npy"), "--out", out),
                bad("kernel shape mismatch: --kernel", retrieve("--kernel", f("w25.npy"))),
                bad("W has NaN at (row 1, column 1)", retrieve("--kernel", f("wnan.npy"))),
                // retrieve --kernel: kernel files (.npy or kernel archive)
                bad("--kernel " + f("nokernel.npz") + ": no such file", retrieve("--kernel", f("nokernel.npz"))),
                bad("unsupported dtype", retrieve("--kernel", f("complex64.npy"))),
                bad("kernel shape mismatch: --kernel " + f("k25.npz") + " has W of shape (2, 5) but W must have d = 3 columns",
                        retrieve("--kernel", f("k25.npz"))),
                bad("not a readable learned-kernel archive", retrieve("--kernel", f("truncated.npz"))),
                bad("checksum mismatch", retrieve("--kernel", f("badcrc.npz"))),
                bad("unsupported learned-kernel format version 2", retrieve("--kernel", f("v2.npz"))),
                bad("metadata does not start with the learned-kernel magic", retrieve("--kernel", f("store.npz"))),
                bad("not a kernel file: expected a kernel archive", retrieve("--kernel", f("kernel.txt"))),
                bad("is a directory, expected a kernel (.npy or .npz) file", retrieve("--kernel", f("adir"))),
                bad("element [1, 2] is NaN", "retrieve", "--memories", xi, "--queries", f("xnan.npy"), "--out", out),
                bad("rank 3", "retrieve", "--memories", f("cube.npy"), "--queries", x, "--out", out),
                bad("expected a 2-D array of shape (M, d), got shape (3,)",
                        "retrieve", "--memories", f("vector.npy"), "--queries", x, "--out", out),
                bad("has 0 rows; at least 1 needed", "retrieve", "--memories", f("norows.npy"), "--queries", x, "--out", out),
                bad("no such file", "retrieve", "--memories", xi, "--queries", f("missing.npy"), "--out", out),
                bad("does not exist", retrieve("--energy", f("no/dir/e.npy"))),
                bad("is a directory", "retrieve", "--memories", xi, "--queries", x, "--out", f("adir")),
                // learn-kernel
                bad("Missing required option: '--memories=FILE'", "learn-kernel", "--out", f("w.npy")),
                bad("--epochs must be >= 0, got -1", "learn-kernel", "--memories", xi, "--epochs", "-1", "--out", f("w.npy")),
                bad("--lr must be finite and > 0, got 0.0", learn("--lr", "0")),
                bad("--t must be finite and > 0, got 0.0", learn("--t", "0")),
                bad("--t must be finite and > 0, got -2.0", learn("--t", "-2")),
                bad("but was 'mean'", learn("--loss", "mean")),
                bad("but was 'linear'", learn("--schedule", "linear")),
                bad("but was 'rmsprop'", learn("--optimizer", "rmsprop")),
                bad("rank 3", "learn-kernel", "--memories", f("cube.npy"), "--out", f("w.npy")),
                bad("unsupported dtype", "learn-kernel", "--memories", f("complex64.npy"), "--out", f("w.npy")),
                bad("--memories " + f("missing.npy") + ": no such file", "learn-kernel", "--memories", f("missing.npy"),
                        "--out", f("w.npy")),
                bad("does not exist", "learn-kernel", "--memories", xi, "--out", f("no/dir/k.npz")),
                bad("needs at least 2 memories", "learn-kernel", "--memories", f("one.npy"), "--out", f("w.npy")),
                bad("floor(M/2) = 1 memories with --first-half",
                        "learn-kernel", "--memories", f("x.npy"), "--first-half", "--out", f("w.npy")),
                bad("training diverged", learn("--lr", "1e300")),
                bad("is a directory", "learn-kernel", "--memories", xi, "--out", f("adir")),
                // benchmarks
                bad("--sizes must be >= 1, got 0", "bench", "retrieval", "--sizes", "0"),
                bad("--batch must be >= 1, got 0", "bench", "retrieval", "--batch", "0"),
                bad("--degree must be finite and > 0", "bench", "retrieval", "--degree", "-1"),
                bad("--sizes must be >= 2 (the loss is over pairs), got 1", "bench", "uhop", "--sizes", "1"),
                bad("but was 'mean'", "bench", "uhop", "--loss", "mean"),
                // the rules the three benchmarks share (BenchmarkCommand)
                bad("--repeats must be >= 1, got 0", "bench", "retrieval", "--repeats", "0"),
                bad("--warmup must be >= 0, got -1", "bench", "uhop", "--warmup", "-1"),
                bad("--alpha must be finite and > 1, got 1.0", "bench", "retrieval", "--alpha", "1"),
                bad("--sizes 100000 with --dim 100000 and --batch 1024 makes a matrix larger than one Java array",
                        "bench", "retrieval", "--sizes", "100000", "--dim", "100000"),
                bad("--sizes 50000 with --dim 784 makes a matrix larger than one Java array", "bench", "uhop",
                        "--sizes", "50000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void userErrorGivesExitTwoAndOneLine(String fragment, String[] args) {
        CliRun run = CliRun.run(args);
        String command = args[0].equals("bench") ? "hopfield4j bench " + args[1] : "hopfield4j " + args[0];
        assertUserError(run, fragment, command);
    }

    @Test
    void failedRetrievalLeavesNoOutputFiles() {
        Path y = dir.resolve("never.npy");
        Path w = dir.resolve("never-w.npz");
        CliRun run = CliRun.run("retrieve", "--memories", xi, "--queries", f("xnan.npy"), "--out", y.toString(),
                "--weights", w.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertFalse(Files.exists(y));
        assertFalse(Files.exists(w));
    }
}
