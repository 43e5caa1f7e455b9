package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyFormatException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7's bad-input matrix across the Java API: store factories, separation maps, the retriever
 * builder and retrieve, the kernel trainer's builder, {@link LearnedKernel#load} and
 * {@link MemoryStore#load} of damaged or foreign files, shapes whose product overflows an int or a
 * long (declared by a file header alone, without the data), and {@link Npy#read} of damaged files. Each row: a name, the call, the exception type, a substring of
 * the message, and whether the call must be rejected before any native code runs
 * ({@link NativeCalls#count()} unchanged). Complements the per-class tables in
 * {@link SeparationValidationTest} and {@link RetrieverValidationTest}.
 */
class BadInputMatrixTest {
    static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    static final Class<IllegalStateException> ISE = IllegalStateException.class;
    static final Class<NullPointerException> NPE = NullPointerException.class;
    static final Class<NpyFormatException> NPY = NpyFormatException.class;
    static final Class<LearnedKernelFormatException> KERNEL = LearnedKernelFormatException.class;
    static final Class<MemoryStoreFormatException> STORE = MemoryStoreFormatException.class;

    @TempDir
    static Path dir;
    static MemoryStore f32;     // 2 x 3
    static MemoryStore f64;     // 2 x 3
    /** A valid float32 (2, 3) .npy file, as numpy.save writes it. */
    static byte[] valid;
    /** A valid kernel archive of a 2 x 2 W. */
    static byte[] kernelArchive;

    record Case(String name, Executable call, Class<? extends Throwable> type, String message, boolean preNative) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void fixtures() throws IOException {
        f32 = MemoryStore.ofFloat(new float[] {1, 0, 0, 0, 1, 0}, 2, 3);
        f64 = MemoryStore.ofDouble(new double[] {1, 0, 0, 0, 1, 0}, 2, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, NpyArray.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        valid = out.toByteArray();
        Path k = dir.resolve("kernel.npz");
        LearnedKernel.of(new double[] {1, 0, 0, 1}, 2, 2).save(k);
        kernelArchive = Files.readAllBytes(k);
        NativeCalls.count();   // load the library outside the measured calls
    }

    @AfterAll
    static void close() {
        f32.close();
        f64.close();
    }

    /** The valid file with its header text edited (same length, so the data stays aligned). */
    static Path edited(String name, UnaryOperator<String> edit) throws IOException {
        String s = new String(valid, StandardCharsets.ISO_8859_1);
        String t = edit.apply(s);
        assertEquals(s.length(), t.length(), "edit must keep the length");
        return write(name, t.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** A .npy file that is only a header (version 1.0) declaring {@code shape}: no data follows. */
    static byte[] header(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String text = dict + " ".repeat((unpadded + 63) / 64 * 64 - unpadded) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x93);
        b.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {1, 0, (byte) text.length(), (byte) (text.length() >> 8)});
        b.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    static Path headerOnly(String name, String descr, String shape) throws IOException {
        return write(name, header(descr, shape));
    }

    /** An .npz with a header-only main member and the given metadata (as ChecksummedNpz lays it out). */
    static Path archive(String name, String main, String descr, String shape, double[] metadata) throws IOException {
        Path p = dir.resolve(name);
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
            zip.putNextEntry(new java.util.zip.ZipEntry(main + ".npy"));
            zip.write(header(descr, shape));
            zip.putNextEntry(new java.util.zip.ZipEntry("metadata.npy"));
            Npy.write(zip, NpyArray.ofDouble(metadata, metadata.length));
        }
        return p;
    }

    static byte[] prefix(int n) {
        return java.util.Arrays.copyOf(valid, n);
    }

    static Retriever.Builder sparse(MemoryStore s) {
        return Retriever.builder(s).map(Separation.sparsemax());
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // ---------------------------------------------------------------- MemoryStore factories
        c.add(new Case("store: null data", () -> MemoryStore.ofFloat((float[]) null, 2, 3), NPE, "data must not be null", true));
        c.add(new Case("store: M = 0", () -> MemoryStore.ofFloat(new float[0], 0, 3), IAE, "M must be >= 1, got 0", true));
        c.add(new Case("store: d = 0", () -> MemoryStore.ofDouble(new double[0], 2, 0), IAE, "d must be >= 1, got 0", true));
        c.add(new Case("store: negative M", () -> MemoryStore.ofDouble(new double[3], -1, 3), IAE, "M must be >= 1, got -1", true));
        c.add(new Case("store: wrong length", () -> MemoryStore.ofFloat(new float[5], 2, 3), IAE,
                "data has length 5, expected 6", true));
        c.add(new Case("store: M*d overflows int", () -> MemoryStore.ofFloat(new float[1], 65_536, 65_536), IAE,
                "exceeds the largest Java array", true));
        c.add(new Case("store: NaN located", () -> MemoryStore.ofFloat(new float[] {0, 0, 0, 0, 0, Float.NaN}, 2, 3), IAE,
                "NaN at (row 1, column 2)", true));
        c.add(new Case("store: +Inf located", () -> MemoryStore.ofDouble(new double[] {0, Double.POSITIVE_INFINITY, 0, 0}, 2, 2),
                IAE, "Infinity at (row 0, column 1)", true));
        c.add(new Case("store: -Inf is not a mask here", () -> MemoryStore.ofDouble(new double[] {0, 0, Double.NEGATIVE_INFINITY}, 1, 3),
                IAE, "-Infinity at (row 0, column 2)", true));
        c.add(new Case("store rows: empty", () -> MemoryStore.ofFloatRows(new float[0][]), IAE, "rows is empty", true));
        c.add(new Case("store rows: ragged", () -> MemoryStore.ofFloatRows(new float[][] {{1, 2, 3}, {4, 5}}), IAE,
                "rows[1] has length 2, expected 3", true));
        c.add(new Case("store rows: null row", () -> MemoryStore.ofDoubleRows(new double[][] {{1}, null}), NPE,
                "rows[1] must not be null", true));
        c.add(new Case("store buffer: too short", () -> MemoryStore.ofFloat(FloatBuffer.allocate(5), 2, 3), IAE,
                "data (remaining) has length 5, expected 6", true));
        c.add(new Case("store buffer: NaN located", () -> MemoryStore.ofDouble(DoubleBuffer.wrap(new double[] {0, 0, 0, Double.NaN}), 2, 2),
                IAE, "NaN at (row 1, column 1)", true));
        c.add(new Case("store npy: 1-D array", () -> MemoryStore.of(NpyArray.ofFloat(new float[3], 3)), IAE,
                "must be a 2-D array of shape (M, d)", true));
        c.add(new Case("store npy: missing file", () -> MemoryStore.fromNpy(dir.resolve("absent.npy")), NoSuchFileException.class,
                "absent.npy", true));
        c.add(new Case("store npy: truncated data", () -> MemoryStore.fromNpy(write("short.npy", prefix(valid.length - 1))), NPY,
                "truncated data", true));
        c.add(new Case("append: precision mismatch", () -> f32.append(new double[3], 1), IAE, "precision mismatch", true));
        c.add(new Case("append: count 0", () -> f64.append(new double[0], 0), IAE, "count must be >= 1, got 0", true));
        // ---------------------------------------------------------------- Separation
        c.add(new Case("entmax: alpha = 1", () -> Separation.entmax(1.0), IAE, "alpha must be finite and > 1", true));
        c.add(new Case("entmax: alpha < 1", () -> Separation.entmax(0.5), IAE, "got 0.5", true));
        c.add(new Case("entmax: alpha NaN", () -> Separation.entmax(Double.NaN), IAE, "got NaN", true));
        c.add(new Case("entmax: alpha +Inf", () -> Separation.entmax(Double.POSITIVE_INFINITY), IAE, "got Infinity", true));
        c.add(new Case("entmax per row: empty", () -> Separation.entmaxPerRow(), IAE, "got an empty array", true));
        c.add(new Case("entmax per row: bad alpha located", () -> Separation.entmaxPerRow(1.5, 1.0), IAE, "alphas[1]", true));
        c.add(new Case("separation: unknown name", () -> Separation.named("hardmax", 2), IAE, "unknown separation map 'hardmax'", true));
        c.add(new Case("separation: +Inf score", () -> Separation.softmax().apply(new double[] {0, Double.POSITIVE_INFINITY}, 1, 2),
                IAE, "-Infinity for a masked entry", true));
        c.add(new Case("separation: beta 0", () -> Separation.sparsemax().apply(new float[] {0, 1}, 1, 2, 0.0), IAE,
                "beta must be finite and > 0, got 0.0", true));
        // ---------------------------------------------------------------- Retriever builder
        c.add(new Case("builder: no map", () -> Retriever.builder(f32).build(), ISE, "no separation map", true));
        c.add(new Case("builder: null store", () -> Retriever.builder(null), NPE, "store must not be null", true));
        c.add(new Case("builder: beta negative", () -> sparse(f32).beta(-1), IAE, "beta must be finite and > 0, got -1.0", true));
        c.add(new Case("builder: beta NaN", () -> sparse(f32).beta(Double.NaN), IAE, "got NaN", true));
        c.add(new Case("builder: steps negative", () -> sparse(f32).steps(-1), IAE, "steps must be >= 0, got -1", true));
        c.add(new Case("builder: eps +Inf", () -> sparse(f32).eps(Double.POSITIVE_INFINITY), IAE, "eps must be finite and >= 0", true));
        c.add(new Case("builder: block 0", () -> sparse(f32).scoreBlock(0), IAE, "scoreBlock must be >= 1, got 0", true));
        c.add(new Case("builder: poly degree 0", () -> Retriever.builder(f32).polynomial(0), IAE,
                "polynomial degree n must be finite and > 0", true));
        c.add(new Case("builder: per-row entmax", () -> Retriever.builder(f32).map(Separation.entmaxPerRow(1.5, 2)), IAE,
                "one alpha per row", true));
        c.add(new Case("builder: kernel W of wrong width", () -> sparse(f32).similarity(Similarity.kernel(new double[10], 2, 5)).build(),
                IAE, "5 columns but the memory store has dimension d = 3", true));
        c.add(new Case("builder: energies of poly-n", () -> Retriever.builder(f32).polynomial(3).recordEnergies(true).build(), IAE,
                "energies are not defined for poly-3.0", true));
        c.add(new Case("builder: energies of -L2", () -> sparse(f32).similarity(Similarity.negativeL2()).recordEnergies(true).build(),
                IAE, "energies need the dot similarity or a kernel with W", true));
        // ---------------------------------------------------------------- retrieve / energy
        c.add(new Case("retrieve: null queries", () -> sparse(f32).build().retrieve((float[]) null, 1), NPE,
                "queries must not be null", true));
        c.add(new Case("retrieve: double queries on float32 store", () -> sparse(f32).build().retrieve(new double[3], 1), IAE,
                "precision mismatch: queries are float64 (double[]) but the memory store is float32", true));
        c.add(new Case("retrieve: B negative", () -> sparse(f64).build().retrieve(new double[3], -1), IAE, "B must be >= 0, got -1", true));
        c.add(new Case("retrieve: length not B*d", () -> sparse(f32).build().retrieve(new float[5], 2), IAE,
                "queries has length 5, expected 6", true));
        c.add(new Case("retrieve: NaN query located", () -> sparse(f32).build().retrieve(new float[] {0, 0, 0, Float.NaN, 0, 0}, 2), IAE,
                "queries has NaN at (row 1, column 0)", true));
        // issue #18: β is blamed when the scores fit without it, the query row when they do not
        c.add(new Case("retrieve: scores would overflow", () -> sparse(f32).beta(1e30).build().retrieve(new float[] {1e30f, 0, 0}, 1), IAE,
                "beta 1.0E30 is too large for these patterns and queries", true));
        c.add(new Case("retrieve: query scores would overflow", () -> sparse(f32).build().retrieve(new float[] {0, 0, 0, 1e36f, 0, 0}, 2), IAE,
                "queries row 1 is too large", true));
        c.add(new Case("energy: poly-n has none", () -> Retriever.builder(f32).polynomial(2).build().energy(new float[3], 1), ISE,
                "no energy for this retriever", true));
        // ---------------------------------------------------------------- KernelTrainer builder
        c.add(new Case("trainer: t = 0", () -> KernelTrainer.builder().t(0), IAE, "t must be finite and > 0, got 0.0", true));
        c.add(new Case("trainer: epochs < 0", () -> KernelTrainer.builder().epochs(-1), IAE, "epochs must be >= 0, got -1", true));
        // N + 1 history values: Integer.MAX_VALUE epochs used to overflow into a NegativeArraySizeException
        c.add(new Case("trainer: epochs = Integer.MAX_VALUE", () -> KernelTrainer.builder().epochs(Integer.MAX_VALUE), IAE,
                "epochs must be <= 2147483638 (the loss history holds N + 1 values in one array), got 2147483647", true));
        c.add(new Case("trainer: learning rate +Inf", () -> KernelTrainer.builder().learningRate(Double.POSITIVE_INFINITY), IAE,
                "learning rate must be finite and > 0", true));
        c.add(new Case("trainer: Adam beta1 = 1", () -> KernelTrainer.builder().adam(1.0, 0.999, 1e-8), IAE,
                "Adam beta1 must be in [0, 1), got 1.0", true));
        c.add(new Case("trainer: D = 0", () -> KernelTrainer.builder().featureDimension(0), IAE,
                "feature dimension D must be >= 1, got 0", true));
        c.add(new Case("trainer: one index", () -> KernelTrainer.builder().indices(3), IAE,
                "indices must select at least 2 memories, got 1", true));
        c.add(new Case("trainer: rows reversed", () -> KernelTrainer.builder().rows(3, 1), IAE, "rows [from, to) = [3, 1)", true));
        c.add(new Case("trainer: unknown schedule", () -> KernelTrainer.Schedule.named("sawtooth"), IAE, "sawtooth", true));
        c.add(new Case("trainer: null store", () -> KernelTrainer.builder().build().train(null), NPE, "store must not be null", true));
        // ---------------------------------------------------------------- LearnedKernel
        c.add(new Case("kernel: D = 0", () -> LearnedKernel.of(new double[0], 0, 3), IAE, "D must be >= 1, got 0", true));
        c.add(new Case("kernel load: missing file", () -> LearnedKernel.load(dir.resolve("nowhere.npy")), NoSuchFileException.class,
                "nowhere.npy", true));
        c.add(new Case("kernel load: 1-D W", () -> {
            Path p = dir.resolve("w1d.npy");
            Npy.write(p, new double[] {1, 2, 3}, 3);
            LearnedKernel.load(p);
        }, KERNEL, "W must be a 2-D array of shape (D, d), got shape [3]", true));
        c.add(new Case("kernel load: NaN in W", () -> {
            Path p = dir.resolve("wnan.npy");
            Npy.write(p, new double[] {1, 2, Double.NaN, 4}, 2, 2);
            LearnedKernel.load(p);
        }, KERNEL, "W has NaN at (row 1, column 0)", true));
        c.add(new Case("kernel load: neither .npz nor .npy", () -> LearnedKernel.load(write("w.txt", "W = [[1, 2]]".getBytes(StandardCharsets.US_ASCII))),
                KERNEL, "not a kernel file: expected a kernel archive (.npz, starting with \"PK\") or a .npy array", true));
        c.add(new Case("kernel load: empty file", () -> LearnedKernel.load(write("w0.npz", new byte[0])), KERNEL,
                "found an empty file", true));
        c.add(new Case("kernel load: truncated .npy", () -> LearnedKernel.load(write("wcut.npy", prefix(valid.length - 1))), KERNEL,
                "truncated data", true));
        c.add(new Case("kernel archive: truncated", () -> LearnedKernel.load(write("kcut.npz",
                java.util.Arrays.copyOf(kernelArchive, kernelArchive.length - 1))), KERNEL, "not a readable learned-kernel archive", true));
        c.add(new Case("kernel archive: cut after its \"PK\"", () -> LearnedKernel.load(write("kpk.npz",
                java.util.Arrays.copyOf(kernelArchive, 2))), KERNEL, "not a readable learned-kernel archive", true));
        c.add(new Case("kernel archive: a memory-store archive", () -> {
            Path p = dir.resolve("store.npz");
            f32.save(p);
            LearnedKernel.load(p);
        }, KERNEL, "metadata does not start with the learned-kernel magic \"H4JK\", found \"H4JS\"", true));
        c.add(new Case("kernel archive: version 2", () -> LearnedKernel.load(archive("kv2.npz", "W", "<f8", "(1, 1)",
                new double[] {0x48344A4B, 2, 1, 1, 8, 0})), KERNEL, "unsupported learned-kernel format version 2", true));
        c.add(new Case("kernel save: null path", () -> LearnedKernel.of(new double[] {1}, 1, 1).save(null), NPE,
                "path must not be null", true));
        c.add(new Case("store load: a kernel archive", () -> MemoryStore.load(write("k.npz", kernelArchive)), STORE,
                "metadata does not start with the memory-store magic \"H4JS\", found \"H4JK\"", true));
        // ---------------------------------------------------------------- shapes whose product overflows
        c.add(new Case("kernel: D*d overflows int", () -> LearnedKernel.of(new double[1], 65_536, 65_536), IAE,
                "D * d = 65536 * 65536 = 4294967296 exceeds the largest Java array", true));
        c.add(new Case("similarity: kernel D*d overflows int", () -> Similarity.kernel(new double[1], 65_536, 65_536), IAE,
                "= 65536 * 65536 = 4294967296 exceeds the largest Java array", true));
        c.add(new Case("trainer: D*d overflows int", () -> KernelTrainer.builder().featureDimension(Integer.MAX_VALUE).build().train(f64),
                IAE, "feature dimension D * d = 2147483647 * 3 = 6442450941 exceeds the largest Java array", true));
        c.add(new Case("retrieve: B*d overflows int", () -> sparse(f32).build().retrieve(new float[3], 1 << 30), IAE,
                "B * d = 1073741824 * 3 = 3221225472 exceeds the largest Java array", true));
        c.add(new Case("separation: rows*n overflows int", () -> Separation.softmax().apply(new float[1], 65_536, 65_536), IAE,
                "rows * n = 65536 * 65536 = 4294967296 exceeds the largest Java array", true));
        c.add(new Case("store npy: header alone declares M*d > int", () -> MemoryStore.fromNpy(headerOnly("big2d.npy", "<f4", "(65536, 65536)")),
                NPY, "shape (65536, 65536) has 4294967296 elements; at most 2147483639 fit in a Java array", true));
        c.add(new Case("store npy: header alone declares M*d > long", () -> MemoryStore.fromNpy(headerOnly("huge2d.npy", "<f8",
                "(4294967296, 4294967296)")), NPY, "has more elements than a 64-bit count holds", true));
        c.add(new Case("store load: patterns header declares M*d > int", () -> MemoryStore.load(archive("bigstore.npz", "patterns", "<f4",
                "(65536, 65536)", new double[] {0x48344A53, 1, 65_536, 65_536, 4, 0})), STORE,
                "shape (65536, 65536) has 4294967296 elements", true));
        c.add(new Case("kernel load: W header declares D*d > int", () -> LearnedKernel.load(headerOnly("bigw.npy", "<f8", "(65536, 65537)")),
                KERNEL, "shape (65536, 65537) has 4295032832 elements", true));
        c.add(new Case("idx: images declare N*rows*cols > long", () -> org.hopfield4j.data.Idx.readImages(
                new ByteArrayInputStream(java.nio.ByteBuffer.allocate(16).putInt(0x803).putInt(Integer.MAX_VALUE)
                        .putInt(1 << 30).putInt(1 << 30).array()), "big.idx"),
                org.hopfield4j.data.DataFileException.class, "images of 1073741824 x 1073741824 are too many for one Java array", true));
        // ---------------------------------------------------------------- Npy.read of damaged files
        c.add(new Case("npy: empty file", () -> Npy.read(write("empty.npy", new byte[0])), NPY, "truncated header", true));
        c.add(new Case("npy: cut inside the header", () -> Npy.read(write("cut.npy", prefix(40))), NPY, "header length 118 extends beyond the end of the file", true));
        c.add(new Case("npy: cut inside the data", () -> Npy.read(write("cutdata.npy", prefix(valid.length - 5))), NPY,
                "truncated data", true));
        c.add(new Case("npy: trailing garbage", () -> {
            byte[] longer = java.util.Arrays.copyOf(valid, valid.length + 3);
            Npy.read(write("long.npy", longer));
        }, NPY, "3 unexpected bytes after the data", true));
        c.add(new Case("npy: bad magic", () -> Npy.read(edited("magic.npy", s -> "\u0093NUMPX" + s.substring(6))), NPY,
                "not a .npy file: bad magic", true));
        c.add(new Case("npy: version 9.0", () -> Npy.read(edited("v9.npy", s -> s.substring(0, 6) + "\u0009\u0000" + s.substring(8))), NPY,
                "unsupported .npy format version 9.0", true));
        c.add(new Case("npy: complex64 dtype", () -> Npy.read(edited("c8.npy", s -> s.replace("'<f4'", "'<c8'"))), NPY,
                "unsupported dtype", true));
        c.add(new Case("npy: negative dimension", () -> Npy.read(edited("neg.npy", s -> s.replace("(2, 3)", "(2,-3)"))), NPY,
                "negative dimension -3", true));
        c.add(new Case("npy: header not a literal", () -> Npy.read(edited("shape.npy", s -> s.replace("(2, 3)", "(2, x)"))), NPY,
                "malformed header dict: expected a literal but found the name 'x'", true));
        c.add(new Case("npy: shape a string", () -> Npy.read(edited("shapestr.npy", s -> s.replace("(2, 3)", "'2, 3'"))), NPY,
                "'shape' must be a tuple of integers", true));
        c.add(new Case("npy: shape larger than the data", () -> Npy.read(edited("big.npy", s -> s.replace("(2, 3)", "(9, 3)"))), NPY,
                "truncated data", true));
        c.add(new Case("npy: stream cut short", () -> Npy.read(new ByteArrayInputStream(prefix(valid.length - 1)), "stream"), NPY,
                "stream: truncated data", true));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithTheDocumentedExceptionAndMessage(Case bad) {
        long before = NativeCalls.count();
        Throwable e = assertThrows(bad.type(), bad.call(), bad.name());
        assertEquals(bad.type(), e.getClass(), bad.name() + ": exact type, got " + e);
        assertTrue(e.getMessage() != null && e.getMessage().contains(bad.message()),
                bad.name() + ": message '" + e.getMessage() + "' should contain '" + bad.message() + "'");
        if (bad.preNative()) {
            assertEquals(before, NativeCalls.count(), bad.name() + " reached native code");
        }
    }

    @Test
    void atLeastFortyDistinctCases() {
        List<Case> all = cases();
        Set<String> names = new HashSet<>();
        for (Case c : all) assertTrue(names.add(c.name()), "duplicate case " + c.name());
        assertTrue(all.size() >= 40, "only " + all.size() + " cases");
    }
}
