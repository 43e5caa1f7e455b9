package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hopfield4j.data.Corruption;
import org.hopfield4j.data.SyntheticImages;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.Model;
import org.hopfield4j.experiment.ProtocolSweep;
import org.hopfield4j.experiment.SweepSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code experiment beta}: its files, and that each row is the library's run at that β and step count. */
class ExperimentBetaCommandTest {
    @TempDir
    Path dir;

    @Test
    void eachRowIsTheRunAtItsBetaWithTheGivenSteps() throws IOException {
        Path out = dir.resolve("beta");
        CliRun run = CliRun.run("experiment", "beta", "--dataset", "synthetic", "--betas", "8,0.5,0.5", "--size", "6",
                "--seeds", "2", "--steps", "2", "--no-progress", "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String[]> rows = ExperimentCommandTest.csv(out.resolve("beta.csv"), "model,beta,mean,std,seeds");
        assertEquals(6, rows.size());   // dense, sparse, entmax15 (the default models) x the two distinct betas
        Map<String, Double> byModelAndBeta = new HashMap<>();
        for (String[] r : rows) {
            byModelAndBeta.put(r[0] + "@" + Double.parseDouble(r[1]), Double.parseDouble(r[2]));
            assertEquals("2", r[4]);
        }
        MemoryRetrievalExperiment.Corruptor masked = MemoryRetrievalExperiment.Corruptor.masking(
                Corruption.Masking.named("zero"), Corruption.PAPER_MASK_PROBABILITY);
        for (double beta : new double[] {0.5, 8}) {
            MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder()
                    .models(List.of(Model.DENSE, Model.SPARSE, Model.ENTMAX15)).beta(beta).steps(2).build();
            SweepSummary expected = new ProtocolSweep(exp, SyntheticImages.blobs(), 0, 2, null).capacity(List.of(6), masked);
            for (SweepSummary.Point p : expected.points()) {
                assertEquals(p.mean(), byModelAndBeta.get(p.model().label() + "@" + beta), 1e-6, p.model().label() + " at " + beta);
            }
        }
        assertNotEquals(byModelAndBeta.get("dense@0.5"), byModelAndBeta.get("dense@8.0"));
        String protocol = Files.readString(out.resolve("beta-protocol.txt"));
        assertTrue(protocol.contains("2 retrieval steps"), protocol);
        assertTrue(protocol.contains("betas [0.5, 8.0], 2 steps"), protocol);
        ExperimentCommandTest.assertPng(out.resolve("beta.png"));
    }

    @Test
    void badBetasAndStepsExit2NamingTheOption() {
        CliRun beta = CliRun.run("experiment", "beta", "--dataset", "synthetic", "--betas", "1,-2", "--out", dir.toString());
        assertEquals(2, beta.exitCode(), beta::toString);
        assertTrue(beta.err().contains("--betas: beta must be finite and > 0, got -2.0"), beta::toString);
        CliRun steps = CliRun.run("experiment", "beta", "--dataset", "synthetic", "--steps", "0", "--out", dir.toString());
        assertEquals(2, steps.exitCode(), steps::toString);
        assertTrue(steps.err().contains("--steps"), steps::toString);
    }
}
