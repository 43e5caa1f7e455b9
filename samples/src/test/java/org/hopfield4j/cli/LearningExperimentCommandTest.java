package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code experiment mil} and {@code experiment memorise} at tiny size on a small labelled IDX set: their files and columns. */
class LearningExperimentCommandTest {
    @TempDir
    Path dir;

    /** A data directory holding mnist-full/ with {@code train} and {@code test} random 28x28 images, labels cycling 0..9. */
    private Path tinyMnist(int train, int test) throws IOException {
        Path set = Files.createDirectories(dir.resolve("data").resolve("mnist-full"));
        SplittableRandom r = new SplittableRandom(1);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? train : test;
            try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(set.resolve(split + "-images-idx3-ubyte")));
                 DataOutputStream labels = new DataOutputStream(Files.newOutputStream(set.resolve(split + "-labels-idx1-ubyte")))) {
                images.writeInt(0x803);
                images.writeInt(n);
                images.writeInt(28);
                images.writeInt(28);
                labels.writeInt(0x801);
                labels.writeInt(n);
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < 784; p++) images.writeByte(p % 28 < 3 * (i % 10) ? 200 : r.nextInt(40));
                    labels.writeByte(i % 10);
                }
            }
        }
        return set.getParent();
    }

    @Test
    void milWritesItsCsvWithTheExactColumnsThePlotTheAttentionMapsAndTheProtocol() throws IOException {
        Path data = tinyMnist(200, 100);
        Path out = dir.resolve("mil");
        CliRun run = CliRun.run("experiment", "mil", "--data-dir", data.toString(), "--bags", "12,6", "--mean-bag", "3,5",
                "--seeds", "2", "--epochs", "1", "--test-bags", "20", "--models", "dense,uhop-sparse", "--no-progress",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String[]> rows = ExperimentCommandTest.csv(out.resolve("mil.csv"),
                "model,bags,mean_bag,auc_mean,auc_std,acc_mean,acc_std,seeds");
        assertEquals(2 * 2 * 2, rows.size(), "models x bag counts x mean sizes");
        assertEquals(List.of("dense", "6", "3"), List.of(rows.get(0)[0], rows.get(0)[1], rows.get(0)[2]));
        for (String[] r : rows) {
            double auc = Double.parseDouble(r[3]);
            assertTrue(auc >= 0 && auc <= 1, "AUC " + auc);
            assertEquals("2", r[7]);
        }
        ExperimentCommandTest.assertPng(out.resolve("mil.png"));
        assertTrue(javax.imageio.ImageIO.read(out.resolve("mil-attention.png").toFile()) != null, "attention maps drawn");
        String protocol = Files.readString(out.resolve("mil-protocol.txt"));
        assertTrue(protocol.contains("runs: training bags [6, 12], mean bag sizes [3, 5], seeds 0..1"), protocol);
        assertTrue(protocol.contains("20 test bags") && protocol.contains("runtime:"), protocol);
    }

    @Test
    void milBagsScriptWritesTheCommandsRows() throws IOException {
        Path data = tinyMnist(120, 60);
        String[] same = {"--data-dir", data.toString(), "--bags", "8", "--mean-bag", "4", "--seeds", "1", "--epochs", "1",
            "--test-bags", "12", "--models", "dense", "--single-positive"};
        Path out = dir.resolve("cmd");
        String[] command = new String[same.length + 5];
        command[0] = "experiment";
        command[1] = "mil";
        System.arraycopy(same, 0, command, 2, same.length);
        System.arraycopy(new String[] {"--no-progress", "--out", out.toString()}, 0, command, same.length + 2, 3);
        assertEquals(0, CliRun.run(command).exitCode());
        Path csv = dir.resolve("script.csv");
        String[] script = new String[same.length + 3];
        System.arraycopy(same, 0, script, 0, same.length);
        System.arraycopy(new String[] {"true", "--csv", csv.toString()}, 0, script, same.length, 3);   // the script's flag takes a value
        RunCommandTest.runScript("mil-bags.hop.kts", script);
        assertEquals(Files.readAllLines(out.resolve("mil.csv")), Files.readAllLines(csv));
    }

    @Test
    void milMergeScriptJoinsTwoRunsCsvsAndDrawsTheMergedPlot() throws IOException {
        String header = "model,bags,mean_bag,auc_mean,auc_std,acc_mean,acc_std,seeds\n";
        Path a = Files.writeString(dir.resolve("a.csv"), header + "dense,50,10,0.600000,0.030000,0.650000,0.020000,5\n"
                + "dense,500,10,0.950000,0.008000,0.890000,0.010000,5\n");
        Path b = Files.writeString(dir.resolve("b.csv"), header + "dense,100,10,0.700000,0.040000,0.690000,0.030000,5\n");
        Path csv = dir.resolve("merged/mil.csv"), png = dir.resolve("merged/mil.png");
        RunCommandTest.runScript("mil-merge.hop.kts", "--from", a + "," + b, "--csv", csv.toString(), "--png", png.toString());
        assertEquals(List.of(header.strip(), "dense,50,10,0.600000,0.030000,0.650000,0.020000,5",
                "dense,100,10,0.700000,0.040000,0.690000,0.030000,5", "dense,500,10,0.950000,0.008000,0.890000,0.010000,5"),
                Files.readAllLines(csv));
        ExperimentCommandTest.assertPng(png);
    }

    @Test
    void memoriseWritesTrainingAndTestAccuracyPerDatasetModelAndN() throws IOException {
        Path data = tinyMnist(60, 30);
        Path out = dir.resolve("mem");
        CliRun run = CliRun.run("experiment", "memorise", "--data-dir", data.toString(), "--datasets", "mnist-full",
                "--sizes", "20,40", "--seeds", "1", "--epochs", "1", "--min-steps", "5", "--test-images", "30", "--no-progress",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String[]> rows = ExperimentCommandTest.csv(out.resolve("memorise.csv"),
                "dataset,model,n,train_acc_mean,train_acc_std,test_acc_mean,test_acc_std,seeds");
        assertEquals(4, rows.size(), "two models x two N");
        assertEquals(List.of("mnist-full", "hopfield", "20"), List.of(rows.get(0)[0], rows.get(0)[1], rows.get(0)[2]));
        ExperimentCommandTest.assertPng(out.resolve("memorise.png"));
        assertTrue(Files.readString(out.resolve("memorise-protocol.txt")).contains("runs: N [20, 40], seeds 0..0"));
    }

    @Test
    void badOptionsExit2NamingTheOption() throws IOException {
        Path data = tinyMnist(20, 10);
        CliRun bags = CliRun.run("experiment", "mil", "--data-dir", data.toString(), "--bags", "0", "--out", dir.toString());
        assertEquals(2, bags.exitCode(), bags::toString);
        assertTrue(bags.err().contains("--bags"), bags::toString);
        CliRun model = CliRun.run("experiment", "mil", "--data-dir", data.toString(), "--models", "poly10", "--out", dir.toString());
        assertEquals(2, model.exitCode(), model::toString);
        assertTrue(model.err().contains("unknown MIL model 'poly10'"), model::toString);
        CliRun set = CliRun.run("experiment", "memorise", "--datasets", "synthetic", "--out", dir.toString());
        assertEquals(2, set.exitCode(), set::toString);
        assertTrue(set.err().contains("--datasets synthetic: needs a labelled set with a test split"), set::toString);
        CliRun big = CliRun.run("experiment", "memorise", "--data-dir", data.toString(), "--datasets", "mnist-full",
                "--sizes", "100", "--out", dir.toString());
        assertEquals(2, big.exitCode(), big::toString);
        assertTrue(big.err().contains("has 20 training images"), big::toString);
    }
}
