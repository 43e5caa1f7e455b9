package org.hopfield4j.cli;

import static org.hopfield4j.cli.UserErrors.assertUserError;
import static org.hopfield4j.cli.UserErrors.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user error: exit code 2, exactly one line on stderr of the form
 * {@code hopfield4j <command>: <what is wrong>}, nothing on stdout, no stack trace.
 */
class BadInputTest {
    @TempDir
    static Path dir;

    static String good;
    static String out;

    @BeforeAll
    static void files() throws IOException {
        good = NpyFixtures.write(dir.resolve("good.npy"), NpyArray.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).toString();
        out = dir.resolve("out.npy").toString();
        Files.writeString(dir.resolve("corrupt.npy"), "this is not a numpy file", StandardCharsets.US_ASCII);
        byte[] whole = Files.readAllBytes(Path.of(good));
        Files.write(dir.resolve("truncated.npy"), Arrays.copyOf(whole, whole.length - 5));
        NpyFixtures.rawFloat32(dir.resolve("cube.npy"), 2, 2, 2);
        NpyFixtures.write(dir.resolve("nan.npy"), NpyArray.ofDouble(new double[] {0, 1, 2, 3, 4, Double.NaN}, 2, 3));
        NpyFixtures.write(dir.resolve("posinf.npy"),
                NpyArray.ofFloat(new float[] {0, Float.POSITIVE_INFINITY, 2}, 3));
        NpyFixtures.write(dir.resolve("nocols.npy"), NpyArray.ofFloat(new float[0], 2, 0));
        NpyFixtures.write(dir.resolve("huge.npy"), NpyArray.ofDouble(new double[] {1e300, 0}, 1, 2));
        Files.createDirectory(dir.resolve("adir"));
        Files.writeString(dir.resolve("plainfile"), "x");
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // options
                bad("Missing required option: '--in=FILE'", "separate", "--map", "softmax", "--out", out),
                bad("Missing required option: '--map=MAP'", "separate", "--in", good, "--out", out),
                bad("Unknown option: '--bogus'", "separate", "--map", "softmax", "--in", good, "--out", out, "--bogus"),
                bad("unknown separation map 'relu', expected one of softmax, sparsemax, entmax15 (alias entmax1.5), entmax",
                        "separate", "--map", "relu", "--in", good, "--out", out),
                bad("unknown separation map 'poly'", "separate", "--map", "poly", "--in", good, "--out", out),
                bad("--beta must be finite and > 0, got 0.0", "separate", "--map", "softmax", "--beta", "0", "--in", good, "--out", out),
                bad("--beta must be finite and > 0, got -2.0", "separate", "--map", "softmax", "--beta", "-2", "--in", good, "--out", out),
                bad("--beta must be finite and > 0, got NaN", "separate", "--map", "softmax", "--beta", "NaN", "--in", good, "--out", out),
                bad("'abc' is not a double", "separate", "--map", "softmax", "--beta", "abc", "--in", good, "--out", out),
                bad("--map entmax needs --alpha", "separate", "--map", "entmax", "--in", good, "--out", out),
                bad("--alpha must be finite and > 1, got 1.0", "separate", "--map", "entmax", "--alpha", "1", "--in", good, "--out", out),
                bad("--alpha must be finite and > 1, got 0.5", "separate", "--map", "entmax", "--alpha", "0.5", "--in", good, "--out", out),
                bad("--alpha only applies to --map entmax", "separate", "--map", "softmax", "--alpha", "1.5", "--in", good, "--out", out),
                bad("--alpha only applies to --map entmax", "separate", "--map", "entmax15", "--alpha", "1.5", "--in", good, "--out", out),
                bad("should be specified only once", "separate", "--map", "softmax", "--beta", "1", "--beta", "2", "--in", good, "--out", out),
                // input files and their data
                bad("no such file", "separate", "--map", "softmax", "--in", f("missing.npy"), "--out", out),
                bad("is a directory", "separate", "--map", "softmax", "--in", f("adir"), "--out", out),
                bad("not a .npy file", "separate", "--map", "softmax", "--in", f("corrupt.npy"), "--out", out),
                bad("truncated.npy", "separate", "--map", "softmax", "--in", f("truncated.npy"), "--out", out),
                bad("rank 3", "separate", "--map", "softmax", "--in", f("cube.npy"), "--out", out),
                bad("element [1, 2] is NaN", "separate", "--map", "sparsemax", "--in", f("nan.npy"), "--out", out),
                bad("element [1] is +Infinity", "separate", "--map", "sparsemax", "--in", f("posinf.npy"), "--out", out),
                bad("rows of length 0", "separate", "--map", "softmax", "--in", f("nocols.npy"), "--out", out),
                bad("overflows", "separate", "--map", "softmax", "--beta", "1e10", "--in", f("huge.npy"), "--out", out),
                // output
                bad("does not exist", "separate", "--map", "softmax", "--in", good, "--out", f("no/such/dir/p.npy")),
                bad("is not a directory", "separate", "--map", "softmax", "--in", good, "--out", f("plainfile/p.npy")),
                bad("is a directory", "separate", "--map", "softmax", "--in", good, "--out", f("adir")),
                // commands
                bad("missing command", new String[0]),
                bad("Unmatched argument", "seperate"),
                bad("missing benchmark", "bench"),
                bad("--sizes must be >= 1, got 0", "bench", "separation", "--sizes", "0"),
                bad("--repeats must be >= 1", "bench", "separation", "--repeats", "0"),
                bad("--threads must be >= 1", "bench", "separation", "--threads", "0"),
                bad("but was 'float16'", "bench", "separation", "--dtype", "float16"),
                bad("--alpha must be finite and > 1", "bench", "separation", "--alpha", "1"),
                bad("does not exist", "bench", "separation", "--sizes", "10", "--csv", f("no/dir/b.csv")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void userErrorGivesExitTwoAndOneLine(String fragment, String[] args) {
        CliRun run = CliRun.run(args);
        assertUserError(run, fragment, commandName(args));
    }

    @Test
    void unwritableOutputDirectory() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root may write into a read-only directory, so there (as in CI) the directory is one no one can
            // create files in: procfs. Both paths must end in exit 2 and one line naming the directory.
            Path target = Files.isWritable(locked) ? Path.of("/proc/self/h4j-out.npy") : locked.resolve("p.npy");
            CliRun run = CliRun.run("separate", "--map", "softmax", "--in", good, "--out", target.toString());
            assertUserError(run, target.getParent().toString(), "hopfield4j separate");
            assertFalse(Files.exists(target));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void failedRunLeavesNoOutputFile() throws IOException {
        Path target = dir.resolve("never.npy");
        CliRun run = CliRun.run("separate", "--map", "softmax", "--in", f("nan.npy"), "--out", target.toString());
        assertEquals(2, run.exitCode());
        assertFalse(Files.exists(target));
    }

    /** "hopfield4j", "hopfield4j separate" or "hopfield4j bench separation" from the arguments. */
    private static String commandName(String[] args) {
        if (args.length == 0 || !(args[0].equals("separate") || args[0].equals("bench"))) {
            return "hopfield4j";
        }
        if (args[0].equals("bench") && args.length > 1 && args[1].equals("separation")) {
            return "hopfield4j bench separation";
        }
        return "hopfield4j " + args[0];
    }
}
