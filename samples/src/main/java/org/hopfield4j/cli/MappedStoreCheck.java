package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hopfield4j.MapKind;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.reference.ReferenceSeparation;

/** Plain Java over the file's bytes: the reference the mapped store is compared with. */
final class MappedStoreCheck {
    private final Path file;
    private final long dataOffset;
    private final int M;
    private final int d;

    MappedStoreCheck(Path file, long dataOffset, int M, int d) {
        this.file = file;
        this.dataOffset = dataOffset;
        this.M = M;
        this.d = d;
    }

    /** Row i read from the file with a FileChannel (little-endian float32). */
    float[] row(FileChannel ch, long i) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(d * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long at = dataOffset + i * d * Float.BYTES;
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) throw new IOException(file + ": ends inside row " + i);
        }
        b.flip();
        float[] r = new float[d];
        b.asFloatBuffer().get(r);
        return r;
    }

    /** The first and last rows, the first rows past 2^31 elements, and random ones: equal to the mapped store's? */
    String compareRows(MemoryStore store, int count) throws IOException {
        long past = (1L << 31) / d + 1;
        SplittableRandom rnd = new SplittableRandom(1);
        int equal = 0, n = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int k = 0; k < count; k++) {
                long i = k == 0 ? 0 : k == 1 ? M - 1 : k == 2 && past < M ? past : k == 3 && past < M ? past - 1
                        : rnd.nextInt(M);
                n++;
                if (Arrays.equals(row(ch, i), store.floatPattern((int) i))) equal++;
            }
        }
        return String.format(Locale.ROOT, "# rows: %d of %d sampled rows equal the file's bytes (rows past 2^31 "
                + "elements: %s)", equal, n, past < M ? "from row " + past : "none");
    }

    /** One step for the first q queries, native (weights recorded) against float64 Java over the file. */
    String compareStep(MemoryStore store, MapKind map, double beta, float[] queries, int q, int block)
            throws IOException {
        float[] first = Arrays.copyOf(queries, q * d);
        Retrieval nat;
        try (Retriever r = Retriever.builder(store).map(map.separation(map.fixedAlpha())).beta(beta).steps(1)
                .scoreBlock(block).recordWeights(true).build()) {
            nat = r.retrieve(first, q);
        }
        double[][] scores = new double[q][M];
        ByteBuffer buf = ByteBuffer.allocateDirect(d * Float.BYTES * 4096).order(ByteOrder.LITTLE_ENDIAN);
        float[] row = new float[d];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = dataOffset;
            for (int m0 = 0; m0 < M; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), (long) (M - m0) * d * Float.BYTES));
                while (buf.hasRemaining()) {
                    int got = ch.read(buf, at);
                    if (got < 0) throw new IOException(file + ": ends early");
                    at += got;
                }
                buf.flip();
                var floats = buf.asFloatBuffer();
                for (int m = m0; floats.remaining() >= d; m++, m0++) {
                    floats.get(row);
                    for (int b = 0; b < q; b++) {
                        double s = 0;
                        for (int j = 0; j < d; j++) s += (double) first[b * d + j] * row[j];
                        scores[b][m] = s;
                    }
                }
            }
            double maxDiff = 0;
            int supportsEqual = 0;
            for (int b = 0; b < q; b++) {
                double[] z = scores[b];
                double[] p = ReferenceSeparation.apply(ReferenceSeparation.Map.of(map), map.fixedAlpha(), z, null, 1, M, beta);
                double[] x = new double[d];
                int[] support = IntStream.range(0, M).filter(i -> p[i] > 0).toArray();
                for (int i : support) {
                    float[] xi = row(ch, i);
                    for (int j = 0; j < d; j++) x[j] += p[i] * xi[j];
                }
                for (int j = 0; j < d; j++) maxDiff = Math.max(maxDiff, Math.abs(x[j] - nat.floatStates()[b * d + j]));
                int[] nativeSupport = Arrays.copyOfRange(nat.weights().indices(),
                        (int) nat.weights().offsets()[b], (int) nat.weights().offsets()[b + 1]);
                if (Arrays.equals(support, nativeSupport)) supportsEqual++;
            }
            return String.format(Locale.ROOT, "# step: %d of %d queries have the reference's support; largest "
                    + "|state - reference| = %.3g (float32 native, float64 Java over the file's bytes)",
                    supportsEqual, q, maxDiff);
        }
    }
}
