package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of {@link LearnedKernel#save} and {@link MemoryStore#save}: the bytes of a real save are
 * replayed through {@link AtomicFileWriter} with the output failing after a random number of bytes (an
 * I/O error, or an Error such as running out of memory). After every attempt the target loads as the
 * old content exactly (or does not exist, if there was none) unless the save completed, in which case
 * it loads as the new content exactly; no temporary file is left behind. What a crash that kills the
 * process leaves (a partial temporary file next to the intact old file) is covered too: the prefix
 * tests in {@code LearnedKernelPersistenceTest} and {@code MemoryStorePersistenceTest} show no prefix
 * ever loads.
 */
class InterruptedSaveTest {
    private static final int TRIALS = 150;

    @TempDir
    Path dir;

    /** Passes the first {@code limit} bytes on, then fails as a crash would. */
    private static final class Interrupting extends FilterOutputStream {
        private final long limit;
        private final boolean asError;
        private long written;

        Interrupting(OutputStream out, long limit, boolean asError) {
            super(out);
            this.limit = limit;
            this.asError = asError;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, limit - written);
            out.write(b, off, n);
            written += n;
            if (n < len) {
                if (asError) throw new OutOfMemoryError("simulated failure after " + written + " bytes");
                throw new IOException("simulated failure after " + written + " bytes");
            }
        }
    }

    @FunctionalInterface
    private interface Save {
        void to(Path path) throws IOException;
    }

    @FunctionalInterface
    private interface Expect {
        void loadsAs(Path path) throws IOException;
    }

    @Test
    void interruptedKernelSavesLeaveTheOldKernelOrNone() throws IOException {
        LearnedKernel old = LearnedKernel.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        LearnedKernel next;
        try (MemoryStore store = MemoryStore.ofDouble(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0}, 4, 3)) {
            next = KernelTrainer.builder().epochs(3).learningRate(0.1).seed(5).build().train(store);
        }
        interruptAtRandomPoints("k.npz", old::save, next::save,
                p -> assertSameKernel(old, LearnedKernel.load(p)), p -> assertSameKernel(next, LearnedKernel.load(p)));
    }

    @Test
    void interruptedStoreSavesLeaveTheOldStoreOrNone() throws IOException {
        float[] oldValues = {1, 2, 3, 4};
        float[] newValues = new float[60 * 7];
        Random rnd = new Random(2);
        for (int i = 0; i < newValues.length; i++) newValues[i] = (float) rnd.nextGaussian();
        try (MemoryStore old = MemoryStore.ofFloat(oldValues, 2, 2); MemoryStore next = MemoryStore.ofFloat(newValues, 60, 7)) {
            interruptAtRandomPoints("s.npz", old::save, next::save,
                    p -> assertStore(oldValues, 2, p), p -> assertStore(newValues, 60, p));
        }
    }

    private void interruptAtRandomPoints(String name, Save saveOld, Save saveNew, Expect old, Expect next)
            throws IOException {
        Path scratch = Files.createDirectory(dir.resolve("scratch"));
        saveNew.to(scratch.resolve(name));
        byte[] bytes = Files.readAllBytes(scratch.resolve(name));
        Path work = Files.createDirectory(dir.resolve("work"));
        Path target = work.resolve(name);
        Random rnd = new Random(17);

        // no previous file: an interrupted save leaves none
        for (int t = 0; t < 20; t++) {
            assertFalse(replay(target, bytes, rnd.nextInt(bytes.length), t % 2 == 0));
            assertEquals(List.of(), files(work));
        }
        saveOld.to(target);
        for (int t = 0; t < TRIALS; t++) {
            int limit = t % 10 == 0 ? bytes.length : rnd.nextInt(bytes.length);   // now and then it completes
            if (replay(target, bytes, limit, t % 2 == 0)) {
                next.loadsAs(target);
                saveOld.to(target);
            } else {
                old.loadsAs(target);
            }
            assertEquals(List.of(target), files(work), "no temporary file left behind");
        }
    }

    /** Replays a save that fails after {@code limit} bytes; returns whether it completed. */
    private static boolean replay(Path target, byte[] bytes, int limit, boolean asError) throws IOException {
        try {
            AtomicFileWriter.write(target, out -> new Interrupting(out, limit, asError).write(bytes));
            return true;
        } catch (IOException | OutOfMemoryError simulated) {
            assertTrue(simulated.getMessage().startsWith("simulated failure"), simulated.toString());
            return false;
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.toList();
        }
    }

    private static void assertSameKernel(LearnedKernel expected, LearnedKernel actual) {
        assertArrayEquals(expected.featureMap(), actual.featureMap());
        assertEquals(expected.training(), actual.training());
        assertArrayEquals(expected.lossHistory(), actual.lossHistory());
        assertArrayEquals(expected.minDistanceHistory(), actual.minDistanceHistory());
    }

    private static void assertStore(float[] expected, int M, Path path) throws IOException {
        try (MemoryStore s = MemoryStore.load(path)) {
            assertEquals(M, s.size());
            assertArrayEquals(expected, s.toFloatArray());
        }
    }
}
