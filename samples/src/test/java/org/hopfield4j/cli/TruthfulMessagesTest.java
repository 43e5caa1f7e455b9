package org.hopfield4j.cli;

import static org.hopfield4j.cli.UserErrors.assertUserError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18 item 5, "messages that mislead": each case the hostile round found, with the message it
 * must give now (the old one in the comment). Every line is one line, exit 2, naming the real cause and
 * the real argument.
 */
class TruthfulMessagesTest {
    @TempDir
    Path dir;

    private Path npy(String name, NpyArray a) throws IOException {
        return NpyFixtures.write(dir.resolve(name), a);
    }

    // ---------------------------------------------------------------- pipes, FIFOs, /dev/stdin

    /** Was "has 0 bytes": a FIFO has no size, and .npy can be streamed, so it is read as a stream. */
    @Test
    void aNpyFileThroughAFifoIsReadCorrectly() throws Exception {
        Path fifo = dir.resolve("z.fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo unavailable");
        NpyArray z = NpyArray.ofDouble(NpyFixtures.gaussian(12, 3, 1.0), 3, 4);
        Path regular = npy("z.npy", z);
        byte[] bytes = Files.readAllBytes(regular);

        Thread writer = feed(fifo, bytes);
        CliRun run = CliRun.run("separate", "--map", "sparsemax", "--in", fifo.toString(), "--out", dir.resolve("p.npy").toString());
        writer.join(10_000);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(0, CliRun.run("separate", "--map", "sparsemax", "--in", regular.toString(),
                "--out", dir.resolve("p-ref.npy").toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(dir.resolve("p-ref.npy")), Files.readAllBytes(dir.resolve("p.npy")));

        // a cut stream is "truncated", with what the header promised
        Thread cut = feed(fifo, Arrays.copyOf(bytes, bytes.length - 8));
        CliRun truncated = CliRun.run("separate", "--map", "sparsemax", "--in", fifo.toString(), "--out", dir.resolve("q.npy").toString());
        cut.join(10_000);
        assertUserError(truncated, "truncated data", "hopfield4j separate");
        assertFalse(truncated.err().contains("0 bytes"), truncated::toString);
    }

    private static Thread feed(Path fifo, byte[] bytes) {
        Thread t = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        return t;
    }

    // ---------------------------------------------------------------- paths

    /** Was "is a directory" (Path.of("") is the working directory). */
    @Test
    void anEmptyPathIsCalledEmpty() {
        assertUserError(CliRun.run("separate", "--map", "softmax", "--in", "", "--out", dir.resolve("p.npy").toString()),
                "--in: empty path, expected a .npy file", "hopfield4j separate");
    }

    /**
     * Was "no such file" with nothing more: a name whose bytes are not valid in the platform encoding
     * cannot be opened by Java at all. The child gets the raw Latin-1 byte of "é" through /bin/sh.
     */
    @Test
    void aNameJavaCannotDecodeSaysSo() throws Exception {
        Path sh = Path.of("/bin/sh");
        assumeTrue(Files.isExecutable(sh) && "UTF-8".equals(System.getProperty("sun.jnu.encoding")), "needs sh and UTF-8");
        npy("z.npy", NpyArray.ofDouble(new double[] {1, 2}, 1, 2));
        Process touch = new ProcessBuilder(sh.toString(), "-c", "cp z.npy \"$(printf 'caf\\351.npy')\"").directory(dir.toFile()).start();
        assertEquals(0, touch.waitFor());
        List<String> cli = ChildCli.command();
        StringBuilder line = new StringBuilder();
        for (String part : cli) line.append('\'').append(part).append("' ");
        line.append("separate --map softmax --in \"$(printf 'caf\\351.npy')\" --out p.npy");
        Process child = new ProcessBuilder(sh.toString(), "-c", line.toString()).directory(dir.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_USER_ERROR, child.exitValue(), err);
        assertTrue(err.contains("no such file (the name has bytes that are not valid UTF-8"), err);
        assertEquals(1, err.lines().count(), err);
    }

    /** Was "--data-dir ...": the directory came from $HOPFIELD4J_DATA, which the message must name. */
    @Test
    void aBadFileInTheEnvironmentsDataDirectoryNamesTheVariable() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("mnist-digits.npy"), "not a .npy file");
        Process child = ChildCli.builder(List.of("experiment", "capacity", "--sizes", "5", "--seeds", "1", "--no-progress",
                "--out", dir.resolve("out").toString()), Map.of("HOPFIELD4J_DATA", data.toString())).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_USER_ERROR, child.exitValue(), err);
        assertTrue(err.startsWith("hopfield4j experiment capacity: $HOPFIELD4J_DATA " + data.resolve("mnist-digits.npy")), err);
        assertFalse(err.contains("--data-dir"), err);
    }

    // ---------------------------------------------------------------- what overflowed

    /** Was "--queries ...: queries row 0 is too large" whatever overflowed. */
    @Test
    void anOverflowNamesWhatOverflowed() throws IOException {
        Path small = npy("xi.npy", NpyArray.ofFloat(new float[] {1, 0, 0, 1}, 2, 2));
        Path hugePatterns = npy("huge.npy", NpyArray.ofFloat(new float[] {1e30f, 0, 0, 1}, 2, 2));
        Path query = npy("x.npy", NpyArray.ofFloat(new float[] {0.5f, 0.5f}, 1, 2));
        Path hugeQuery = npy("xbig.npy", NpyArray.ofFloat(new float[] {1e36f, 0}, 1, 2));
        String y = dir.resolve("y.npy").toString();
        assertUserError(CliRun.run("retrieve", "--memories", small.toString(), "--queries", query.toString(), "--beta", "1e37",
                "--out", y), "--beta 1.0E37 is too large for these patterns and queries", "hopfield4j retrieve");
        assertUserError(CliRun.run("retrieve", "--memories", hugePatterns.toString(), "--queries", query.toString(),
                "--out", y), "--memories " + hugePatterns + ": the memory store's patterns are too large", "hopfield4j retrieve");
        assertUserError(CliRun.run("retrieve", "--memories", small.toString(), "--queries", hugeQuery.toString(),
                "--out", y), "--queries " + hugeQuery + ": queries row 0 is too large", "hopfield4j retrieve");
    }

    /** Was "queries has Infinity at (row 0, column 0)": the file holds 1e300, which float32 cannot. */
    @Test
    void float64QueriesBeyondAFloat32StoreAreReportedAsTheyAre() throws IOException {
        Path xi = npy("xi.npy", NpyArray.ofFloat(new float[] {1, 0, 0, 1}, 2, 2));
        Path x = npy("x64.npy", NpyArray.ofDouble(new double[] {0.5, 0.5, 1e300, 0}, 2, 2));
        CliRun run = CliRun.run("retrieve", "--memories", xi.toString(), "--queries", x.toString(), "--out", dir.resolve("y.npy").toString());
        assertUserError(run, "--queries " + x + ": element [1, 0] is 1.0E300, beyond float32's range", "hopfield4j retrieve");
        assertFalse(run.err().contains("Infinity"), run::toString);
    }

    /** Was exit 0 with energies of −∞ (softmax and every other map). */
    @Test
    void aSubnormalBetaWithEnergiesIsRejectedNamingBeta() throws IOException {
        Path xi = npy("xi.npy", NpyArray.ofFloat(new float[] {1, 0, 0, 1}, 2, 2));
        for (String map : List.of("softmax", "sparsemax", "entmax15")) {
            assertUserError(CliRun.run("retrieve", "--memories", xi.toString(), "--queries", xi.toString(), "--map", map,
                    "--beta", "4.9e-324", "--out", dir.resolve("y.npy").toString(), "--energy", dir.resolve("e.npy").toString()),
                    "--beta 4.9E-324 is too small for energies", "hopfield4j retrieve");
        }
    }

    /** Was "not enough Java heap ... raise -Xmx" after 2.2 GB were allocated. */
    @Test
    void aLyingIdxHeaderIsReportedFromTheHeader() throws IOException {
        Path idx = dir.resolve("lying-idx3-ubyte");
        Files.write(idx, java.nio.ByteBuffer.allocate(16).putInt(0x803).putInt(1).putInt(46_340).putInt(46_340).array());
        assertUserError(CliRun.run("experiment", "capacity", "--idx-images", idx.toString(), "--no-progress",
                "--out", dir.resolve("out").toString()),
                "--idx-images " + idx + ": truncated IDX file: the header promises 2147395600 pixel bytes but the file ends after 0",
                "hopfield4j experiment capacity");
    }

    /** Was "not enough Java heap ... raise -Xmx" for every kind of OutOfMemoryError. */
    @Test
    void eachKindOfOutOfMemoryHasItsOwnRemedy() {
        assertTrue(CliCommand.outOfMemory(new OutOfMemoryError("Java heap space")).contains("-Xmx"));
        String array = CliCommand.outOfMemory(new OutOfMemoryError("Requested array size exceeds VM limit"));
        assertTrue(array.contains("larger than the JVM allows") && !array.contains("-Xmx"), array);
        String direct = CliCommand.outOfMemory(new OutOfMemoryError("Cannot reserve 100 bytes of direct buffer memory"
                + " (allocated: 1, limit: 2)"));
        assertTrue(direct.contains("MaxDirectMemorySize"), direct);
        String javacpp = CliCommand.outOfMemory(new OutOfMemoryError(
                "Failed to allocate memory within limits: totalBytes (1G) + size (3G) > maxBytes (2G)"));
        assertTrue(javacpp.startsWith("not enough native memory") && javacpp.contains("org.bytedeco.javacpp.maxBytes"), javacpp);
    }

    /** Was "not enough Java heap ... raise -Xmx" once the table had started: the option is named before allocating. */
    @Test
    void anOversizedBenchmarkOptionIsNamedBeforeAnythingIsAllocated() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 80L << 30, "a heap of 80 GB would fit it");
        assertUserError(CliRun.run("bench", "separation", "--sizes", "100", "--elements", "2000000000"),
                "--elements 2000000000 with --sizes 100 needs about 76293 MiB of Java heap", "hopfield4j bench separation");
    }

    /** Was N(0, 1/d) in one paragraph and N(0, 1) in another; the trainer draws N(0, 1). */
    @Test
    void learnKernelHelpStatesOneInitialDistribution() {
        CliRun run = CliRun.run("learn-kernel", "--help");
        assertEquals(0, run.exitCode(), run::toString);
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("N(0, 1)"), help);
        assertFalse(help.contains("1/d"), help);
    }
}
