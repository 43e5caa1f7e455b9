package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.hopfield4j.experiment.Model;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The experiment commands at tiny sizes: files, columns, every model, a valid PNG; bad inputs exit 2 with one line. */
class ExperimentCommandTest {
    static final List<String> MODELS = List.of("dense", "sparse", "entmax15", "poly10", "l2", "manhattan",
            "uhop-dense", "uhop-sparse");

    @TempDir
    static Path dir;

    static BufferedImage assertPng(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " exists");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is a readable image");
        assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400, image.getWidth() + " x " + image.getHeight());
        return image;
    }

    static List<String[]> csv(Path file, String header) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals(header, lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            rows.add(l.split(","));
        }
        return rows;
    }

    @Test
    void theAdamModelsRunByNameAndItsProtocolSaysWhichSeedsChoseIt() throws IOException {
        Path out = dir.resolve("cap-adam");
        CliRun run = CliRun.run("experiment", "capacity", "--dataset", "synthetic", "--sizes", "4", "--seeds", "2",
                "--epochs", "2", "--models", "uhop-adam-manhattan,uhop-adam,manhattan", "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String[]> rows = csv(out.resolve("capacity.csv"), "model,M,mean,std,seeds");
        assertEquals(List.of("uhop-adam-manhattan", "uhop-adam", "manhattan"), rows.stream().map(r -> r[0]).toList());
        for (String[] r : rows) {
            assertTrue(Double.parseDouble(r[2]) >= 0 && Double.isFinite(Double.parseDouble(r[2])), String.join(",", r));
            assertEquals("2", r[4]);
        }
        String protocol = Files.readString(out.resolve("capacity-protocol.txt"));
        assertTrue(protocol.contains("model search: " + Model.SEARCH_PROTOCOL), protocol);
        assertTrue(protocol.contains("uhop-adam and uhop-adam-manhattan: stage I with Adam lr " + Model.ADAM_LEARNING_RATE
                + ", then softmax with the kernel at beta x " + Model.ADAM_BETA_SCALE), protocol);
        assertTrue(protocol.contains("seeds 0..1"), protocol);
    }

    @Test
    void capacityWritesEveryModelAndAPlot() throws IOException {
        Path out = dir.resolve("cap");
        CliRun run = CliRun.run("experiment", "capacity", "--dataset", "synthetic", "--sizes", "6,4", "--seeds", "2",
                "--epochs", "2", "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String[]> rows = csv(out.resolve("capacity.csv"), "model,M,mean,std,seeds");
        assertEquals(MODELS.size() * 2, rows.size());
        Set<String> seen = new HashSet<>();
        for (String[] r : rows) {
            assertEquals(5, r.length);
            seen.add(r[0]);
            assertTrue(r[1].equals("4") || r[1].equals("6"), r[1]);
            double mean = Double.parseDouble(r[2]), std = Double.parseDouble(r[3]);
            assertTrue(mean >= 0 && std >= 0 && Double.isFinite(mean), String.join(",", r));
            assertEquals("2", r[4]);
        }
        assertEquals(new HashSet<>(MODELS), seen);
        assertPng(out.resolve("capacity.png"));
        String protocol = Files.readString(out.resolve("capacity-protocol.txt"));
        assertTrue(protocol.contains("protocol: the paper's text"), protocol);
        assertTrue(protocol.contains("masking zero"), protocol);
        assertTrue(run.out().contains("# protocol: the paper's text"), run::toString);
        assertTrue(run.out().contains("uhop-sparse"), run::toString);
        // the progress bar ran on stderr and was blanked
        assertTrue(run.errLines().stream().allMatch(l -> l.isBlank() || l.contains("capacity")), run::toString);
    }

    @Test
    void authorsCodeProtocolIsNamed() throws IOException {
        Path out = dir.resolve("authors");
        CliRun run = CliRun.run("experiment", "capacity", "--dataset", "synthetic", "--sizes", "6", "--seeds", "1",
                "--epochs", "1", "--masking", "dropout", "--no-row-normalize", "--train-first-half", "--loss", "max",
                "--no-progress", "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertTrue(run.out().contains("# protocol: the authors' code"), run::toString);
        assertTrue(Files.readString(out.resolve("capacity-protocol.txt")).contains("masking dropout"));
        CliRun mixed = CliRun.run("experiment", "capacity", "--dataset", "synthetic", "--sizes", "6", "--seeds", "1",
                "--epochs", "1", "--masking", "dropout", "--models", "dense,uhop-dense", "--no-progress", "--out",
                dir.resolve("mixed").toString());
        assertEquals(0, mixed.exitCode(), mixed::toString);
        assertTrue(mixed.out().contains("# protocol: mixed: the paper's text except dropout masking"), mixed::toString);
        assertEquals(3, Files.readAllLines(dir.resolve("mixed/capacity.csv")).size());
    }

    @Test
    void noiseAndEpochsWriteTheirFiles() throws IOException {
        Path out = dir.resolve("ne");
        CliRun noise = CliRun.run("experiment", "noise", "--dataset", "synthetic", "--sigmas", "0,0.5", "--size", "5",
                "--seeds", "2", "--epochs", "2", "--no-progress", "--out", out.toString());
        assertEquals(0, noise.exitCode(), noise::toString);
        List<String[]> rows = csv(out.resolve("noise.csv"), "model,sigma,mean,std,seeds");
        assertEquals(MODELS.size() * 2, rows.size());
        assertPng(out.resolve("noise.png"));

        CliRun epochs = CliRun.run("experiment", "epochs", "--dataset", "synthetic", "--epochs-list", "0,2,3",
                "--size", "5", "--seeds", "2", "--no-progress", "--out", out.toString());
        assertEquals(0, epochs.exitCode(), epochs::toString);
        List<String[]> e = csv(out.resolve("epochs.csv"), "model,epochs,mean,std,loss_mean,loss_std,seeds");
        assertEquals(6, e.size());
        for (String[] r : e) {
            assertTrue(r[0].equals("uhop-dense") || r[0].equals("uhop-sparse"), r[0]);
            assertTrue(Double.isFinite(Double.parseDouble(r[4])), String.join(",", r));
        }
        assertPng(out.resolve("epochs.png"));
    }

    @Test
    void userImagesFromNpyAndIdx() throws IOException {
        float[] px = new float[12 * 9];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37 % 11) / 10f;
        }
        Path npy = NpyFixtures.write(dir.resolve("imgs.npy"), NpyArray.ofFloat(px, 12, 9));
        CliRun run = CliRun.run("experiment", "capacity", "--data-npy", npy.toString(), "--sizes", "5", "--seeds", "1",
                "--epochs", "1", "--no-progress", "--out", dir.resolve("npy").toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("12 images, d 9"), run::toString);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(bytes);
        o.writeInt(0x803);
        o.writeInt(10);
        o.writeInt(3);
        o.writeInt(3);
        for (int i = 0; i < 90; i++) {
            o.writeByte(i * 29 & 0xff);
        }
        Path idx = Files.write(dir.resolve("tiny-idx3-ubyte"), bytes.toByteArray());
        CliRun idxRun = CliRun.run("experiment", "capacity", "--idx-images", idx.toString(), "--sizes", "4", "--seeds",
                "1", "--epochs", "1", "--no-progress", "--out", dir.resolve("idx").toString());
        assertEquals(0, idxRun.exitCode(), idxRun::toString);
        assertTrue(idxRun.out().contains("10 images, d 9"), idxRun::toString);
    }

    static Stream<Arguments> badInputs() throws IOException {
        Path notIdx = Files.writeString(dir.resolve("not-idx"), "hello world, not idx");
        Path big = NpyFixtures.write(dir.resolve("big.npy"), NpyArray.ofFloat(new float[] {0, 2, 0.5f, 1}, 2, 2));
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Path empty = Files.createDirectories(dir.resolve("emptydata"));
        String o = dir.resolve("bad").toString();
        return Stream.of(
                Arguments.of("--sizes: every M must be >= 1", List.of("capacity", "--dataset", "synthetic", "--sizes", "0", "--out", o)),
                Arguments.of("exceeds the 200 images", List.of("capacity", "--dataset", "synthetic", "--sizes", "500", "--out", o)),
                Arguments.of("--seeds must be >= 1", List.of("capacity", "--dataset", "synthetic", "--seeds", "0", "--out", o)),
                Arguments.of("unknown model 'foo'", List.of("capacity", "--dataset", "synthetic", "--models", "dense,foo", "--out", o)),
                Arguments.of("give one of --dataset, --idx-images, --data-npy",
                        List.of("capacity", "--dataset", "synthetic", "--data-npy", big.toString(), "--out", o)),
                Arguments.of("no such file", List.of("capacity", "--idx-images", dir.resolve("missing").toString(), "--out", o)),
                Arguments.of("not an IDX file", List.of("capacity", "--idx-images", notIdx.toString(), "--out", o)),
                Arguments.of("pixels must be in [0, 1]", List.of("capacity", "--data-npy", big.toString(), "--out", o)),
                Arguments.of("is a file, expected a directory", List.of("capacity", "--dataset", "synthetic", "--out", file.toString())),
                Arguments.of("MNIST digits not found", List.of("capacity", "--data-dir", empty.toString(), "--out", o)),
                Arguments.of("mnist-full not found: " + empty.resolve("mnist-full"),
                        List.of("capacity", "--dataset", "mnist-full", "--data-dir", empty.toString(), "--out", o)),
                Arguments.of("unknown dataset 'cifar': expected one of mnist, mnist-full, fashion-mnist, synthetic",
                        List.of("capacity", "--dataset", "cifar", "--out", o)),
                Arguments.of("--masking", List.of("capacity", "--dataset", "synthetic", "--masking", "half", "--out", o)),
                Arguments.of("too small", List.of("capacity", "--dataset", "synthetic", "--sizes", "1", "--out", o)),
                Arguments.of("--sigmas: every sigma must be finite and >= 0",
                        List.of("noise", "--dataset", "synthetic", "--sigmas", "-1", "--out", o)),
                Arguments.of("runs the U-Hop models only",
                        List.of("epochs", "--dataset", "synthetic", "--models", "dense", "--out", o)),
                Arguments.of("missing experiment", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputsExit2WithOneLine(String fragment, List<String> args) {
        String[] all = Stream.concat(Stream.of("experiment"), args.stream()).toArray(String[]::new);
        CliRun run = CliRun.run(all);
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("hopfield4j experiment"), run::toString);
        assertTrue(line.contains(fragment), () -> "expected '" + fragment + "' in\n" + run);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void helpListsTheContract() {
        CliRun run = CliRun.run("experiment", "capacity", "--help");
        assertEquals(0, run.exitCode(), run::toString);
        for (String flag : List.of("--dataset", "--sizes", "--seeds", "--masking", "--epochs", "--out", "--idx-images",
                "--data-npy", "--no-row-normalize", "--train-first-half", "--loss", "--models")) {
            assertTrue(run.out().contains(flag), flag);
        }
        CliRun parent = CliRun.run("experiment", "--help");
        assertTrue(parent.out().contains("capacity") && parent.out().contains("noise") && parent.out().contains("epochs"));
        assertTrue(CliRun.run("--help").out().contains("experiment"));
    }
}
