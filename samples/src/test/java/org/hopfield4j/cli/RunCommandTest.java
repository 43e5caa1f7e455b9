package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hopfield4j run}: every sample script runs; compile errors exit 2, a throwing script exits 1. */
class RunCommandTest {
    /** samples/scripts, from the module directory (surefire's working directory). */
    static final Path SCRIPTS = Path.of("scripts");

    static CliRun runScript(String name, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = SCRIPTS.resolve(name).toString();
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun run = CliRun.run(all);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().isBlank(), run::toString);
        return run;
    }

    @Test
    void quickstart() {
        CliRun run = runScript("quickstart.hop.kts", "--size", "12");
        List<String> lines = run.out().lines().toList();
        assertEquals("pipeline\tmemories\tcorruption\tseed\tmetric\tvalue", lines.get(0), run::toString);
        assertEquals(5, lines.size(), run::toString);   // 2 pipelines x 2 metrics
        assertTrue(run.out().contains("dense\t12\tmask(0.5, zero)\t0\tsse\t"), run::toString);
        assertTrue(run.out().contains("sparse\t12\tmask(0.5, zero)\t0\tsuccess\t"), run::toString);
    }

    @Test
    void uhopVsBaselines() {
        CliRun run = runScript("uhop-vs-baselines.hop.kts", "--size", "10");
        List<String> lines = run.out().lines().toList();
        assertEquals(8, lines.size(), run::toString);   // 4 pipelines x 2 memory sizes
        for (String model : List.of("dense", "sparse", "l2", "uhop-sparse")) {
            assertTrue(run.out().contains(model + "\tM=5\tsse="), run::toString);
            assertTrue(run.out().contains(model + "\tM=10\tsse="), run::toString);
        }
    }

    @Test
    void noiseRobustness() {
        CliRun run = runScript("noise-robustness.hop.kts", "--size", "8");
        List<String> lines = run.out().lines().toList();
        assertEquals("pipeline\tmemories\tcorruption\tseed\tsigma\tmetric\tvalue", lines.get(0), run::toString);
        assertEquals(1 + 4 * 2 * 2, lines.size(), run::toString);   // 4 noise norms x 2 pipelines x 2 metrics
        assertTrue(run.out().contains("entmax-1.5\t8\tnoise(4.0)\t0\t4.0\tsuccess\t"), run::toString);
    }

    @Test
    void compileErrorsExitTwoWithPositions(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("bad.hop.kts");
        Files.writeString(script, "println(1)\nval p = pipeline(\"p\") { stageTwo { map = sparsemax(2.alpha) } }\n");
        CliRun run = CliRun.run("run", script.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertFalse(run.errLines().isEmpty(), run::toString);
        for (String line : run.errLines()) {
            assertTrue(line.matches(".*bad\\.hop\\.kts:\\d+:\\d+: .+"), run::toString);
            assertFalse(line.startsWith("\tat "), run::toString);
        }
        assertTrue(run.errLines().get(0).contains("bad.hop.kts:2:"), run::toString);
    }

    @Test
    void aThrowingScriptExitsOneWithItsLine(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("boom.hop.kts");
        Files.writeString(script, "println(\"before\")\nval s = noise(-1.0)\n");
        CliRun run = CliRun.run("run", script.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(List.of(script + ":2: IllegalArgumentException: noise norm sigma must be finite and >= 0, got -1.0"),
                run.errLines(), run::toString);
        assertEquals("before\n", run.out(), run::toString);
    }

    @Test
    void missingScriptIsAUserError() {
        CliRun run = CliRun.run("run", "no/such/file.hop.kts");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
    }
}
