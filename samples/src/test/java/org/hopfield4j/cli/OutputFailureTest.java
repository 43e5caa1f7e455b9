package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that cannot be written is never silent; device nodes given as --out are written through. */
class OutputFailureTest {
    @TempDir
    Path dir;

    /** Standard output on a full device. */
    private static final class FullDevice extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    private record Result(int code, String out, String err) {}

    private static Result run(OutputStream stdout, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStream target = stdout != null ? stdout : captured;
        int code = Main.run(Main.commandLine(Map.of()), args, target, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, captured.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLostTableIsExitTwoWithTheCause() throws Exception {
        Path in = NpyFixtures.write(dir.resolve("z.npy"), NpyArray.ofDouble(NpyFixtures.gaussian(12, 3, 1.0), 3, 4));
        Result r = run(new FullDevice(), "separate", "--map", "softmax", "--in", in.toString(),
                "--out", dir.resolve("p.npy").toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r::toString);
        assertEquals("hopfield4j: cannot write standard output: No space left on device\n", r.err());
    }

    @Test
    void workingOutputKeepsExitZero() throws Exception {
        Path in = NpyFixtures.write(dir.resolve("z.npy"), NpyArray.ofDouble(NpyFixtures.gaussian(12, 3, 1.0), 3, 4));
        Result r = run(null, "separate", "--map", "softmax", "--in", in.toString(), "--out", dir.resolve("p.npy").toString());
        assertEquals(Main.EXIT_OK, r.code(), r::toString);
        assertFalse(r.out().isEmpty(), "separate prints a summary");
        assertEquals("", r.err());
    }

    @Test
    void aDeviceNodeAsOutIsWrittenThroughAndStaysADevice() throws Exception {
        Path devNull = dir.resolve("null"); // a private node like /dev/null (char 1,3), never the real one
        Process mknod = new ProcessBuilder("mknod", "-m", "666", devNull.toString(), "c", "1", "3").start();
        boolean made = mknod.waitFor() == 0;
        // CI runs as root, where a skip would hide the one check that guards the machine's device nodes
        assertTrue(made || !"true".equals(System.getenv("CI")), "mknod failed although CI=true (CI runs as root)");
        assumeTrue(made, "mknod needs root");
        Path in = NpyFixtures.write(dir.resolve("z.npy"), NpyArray.ofDouble(NpyFixtures.gaussian(12, 3, 1.0), 3, 4));
        Result r = run(null, "separate", "--map", "sparsemax", "--in", in.toString(), "--out", devNull.toString());
        assertEquals(Main.EXIT_OK, r.code(), r::toString);
        assertFalse(Files.isRegularFile(devNull), "--out replaced the device node with a regular file");
        assertTrue(Files.exists(devNull));
    }

    /**
     * Streamed retrieve (issue #13) into private device nodes: --out and the CSR --weights are written
     * through batch by batch (the CSR parts then go to the temporary directory, not /dev), the nodes
     * stay devices, and nothing hidden is left beside them.
     */
    @Test
    void streamedRetrieveWritesThroughDeviceNodes() throws Exception {
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        Path out = nodes.resolve("y.npy"), weights = nodes.resolve("w.npz");
        boolean made = true;
        for (Path node : List.of(out, weights)) {
            made &= new ProcessBuilder("mknod", "-m", "666", node.toString(), "c", "1", "3").start().waitFor() == 0;
        }
        assertTrue(made || !"true".equals(System.getenv("CI")), "mknod failed although CI=true (CI runs as root)");
        assumeTrue(made, "mknod needs root");
        Path xi = NpyFixtures.write(dir.resolve("xi.npy"), NpyArray.ofFloat(NpyFixtures.toFloat(NpyFixtures.gaussian(40, 5, 1.0)), 10, 4));
        Path x = NpyFixtures.write(dir.resolve("x.npy"), NpyArray.ofFloat(NpyFixtures.toFloat(NpyFixtures.gaussian(28, 6, 1.0)), 7, 4));
        Result r = run(null, "retrieve", "--memories", xi.toString(), "--queries", x.toString(), "--batch", "2",
                "--out", out.toString(), "--weights", weights.toString(), "-q");
        assertEquals(Main.EXIT_OK, r.code(), r::toString);
        for (Path node : List.of(out, weights)) {
            assertFalse(Files.isRegularFile(node), node + " was replaced by a regular file");
            assertTrue(Files.exists(node));
        }
        try (var left = Files.list(nodes)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    /** learn-kernel's loss history on a full stdout, in-process: exit 2, the cause on stderr. */
    @Test
    void learnKernelOnAFullStdoutExitsTwo() throws Exception {
        Path xi = NpyFixtures.write(dir.resolve("xi.npy"), NpyArray.ofDouble(NpyFixtures.gaussian(12, 3, 1.0), 4, 3));
        Result r = run(new FullDevice(), "learn-kernel", "--memories", xi.toString(), "--epochs", "2", "--no-progress",
                "--out", dir.resolve("w.npy").toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r::toString);
        assertEquals("hopfield4j: cannot write standard output: No space left on device\n", r.err());
    }

    /**
     * {@code learn-kernel … > /dev/full} as the issue ran it: a child JVM whose real standard output is
     * a private full device (char 1,7, made with mknod; never the machine's /dev/full).
     */
    @Test
    void learnKernelWithStdoutOnAFullDeviceExitsNonZero() throws Exception {
        Path devFull = dir.resolve("full");
        boolean made = new ProcessBuilder("mknod", "-m", "666", devFull.toString(), "c", "1", "7").start().waitFor() == 0;
        assertTrue(made || !"true".equals(System.getenv("CI")), "mknod failed although CI=true (CI runs as root)");
        assumeTrue(made, "mknod needs root");
        Path xi = NpyFixtures.write(dir.resolve("xi.npy"), NpyArray.ofDouble(NpyFixtures.gaussian(12, 3, 1.0), 4, 3));
        Process child = ChildCli.builder(List.of("learn-kernel", "--memories", xi.toString(), "--epochs", "2",
                "--no-progress", "--out", dir.resolve("w.npy").toString()), Map.of())
                .redirectOutput(devFull.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_USER_ERROR, child.exitValue(), err);
        assertEquals("hopfield4j: cannot write standard output: No space left on device\n", err);
        assertFalse(Files.isRegularFile(devFull), "the device node was replaced");
    }
}
