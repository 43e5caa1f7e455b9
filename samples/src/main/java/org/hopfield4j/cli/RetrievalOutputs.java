package org.hopfield4j.cli;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hopfield4j.Retrieval;
import org.hopfield4j.SparseWeights;
import org.hopfield4j.io.NpyDtype;
import org.hopfield4j.io.NpyRowWriter;
import org.hopfield4j.io.NpzWriter;
import org.hopfield4j.io.OutputSet;

/**
 * The outputs of a streamed {@code retrieve} (docs/cli.md#retrieve): the states (--out), the weights
 * (--weights: a dense (B, M) .npy, or CSR in a .npz) and the energies (--energy), written batch by
 * batch into the staging files of one {@link OutputSet}, which replaces the targets as a set only
 * after the last batch: an interrupted run leaves the old files (or none), never a partial one. The
 * CSR members are streamed into the set's scratch files ({@link OutputSet#scratch}) and assembled into
 * the archive at the end, so memory does not grow with the number of queries.
 */
final class RetrievalOutputs implements AutoCloseable {
    /** Where the outputs go and what they hold. */
    record Targets(Path out, int[] shape, Path weights, boolean npzWeights, Path energy, int M, NpyDtype dtype) {}

    private final Targets t;
    private final OutputSet set;
    private final NpyRowWriter states;
    private final NpyRowWriter denseWeights;   // --weights .npy, else null
    private final NpyRowWriter energies;       // --energy, else null
    private final CsrParts csr;                // --weights .npz, else null

    private RetrievalOutputs(Targets t, OutputSet set, NpyRowWriter states, NpyRowWriter denseWeights,
                             NpyRowWriter energies, CsrParts csr) {
        this.t = t;
        this.set = set;
        this.states = states;
        this.denseWeights = denseWeights;
        this.energies = energies;
        this.csr = csr;
    }

    static RetrievalOutputs open(Targets t) throws IOException {
        List<Path> targets = new ArrayList<>(List.of(t.out()));
        if (t.weights() != null) targets.add(t.weights());
        if (t.energy() != null) targets.add(t.energy());
        OutputSet set = OutputSet.open(targets);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            int B = t.shape().length == 1 ? 1 : t.shape()[0];
            NpyRowWriter states = track(opened, NpyRowWriter.open(set.staging(t.out()), t.dtype(), t.shape()));
            NpyRowWriter dense = t.weights() != null && !t.npzWeights()
                    ? track(opened, NpyRowWriter.open(set.staging(t.weights()), t.dtype(), B, t.M())) : null;
            NpyRowWriter energies = t.energy() != null
                    ? track(opened, NpyRowWriter.open(set.staging(t.energy()), NpyDtype.FLOAT64, B, 2)) : null;
            CsrParts csr = t.weights() != null && t.npzWeights()
                    ? track(opened, new CsrParts(set.staging(t.weights()), set, t.weights())) : null;
            return new RetrievalOutputs(t, set, states, dense, energies, csr);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : opened) closeQuietly(c);
            set.close();
            throw e;
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T c) {
        opened.add(c);
        return c;
    }

    /** Appends the results of one batch. */
    void append(Retrieval r) throws IOException {
        int n = r.batchSize(), d = t.shape()[t.shape().length - 1];
        if (t.dtype() == NpyDtype.FLOAT32) states.append(r.floatStates(), 0, n * d);
        else states.append(r.doubleStates(), 0, n * d);
        if (energies != null) {
            double[] e = new double[2 * n];
            for (int b = 0; b < n; b++) {
                e[2 * b] = r.energyBefore()[b];
                e[2 * b + 1] = r.energyAfter()[b];
            }
            energies.append(e, 0, e.length);
        }
        if (denseWeights != null) appendDense(r.weights());
        if (csr != null) csr.append(r.weights(), t.dtype() == NpyDtype.FLOAT32);
    }

    private void appendDense(SparseWeights p) throws IOException {
        int n = p.rows(), M = t.M();
        long[] offsets = p.offsets();
        int[] indices = p.indices();
        double[] v = p.values();
        for (int b = 0; b < n; b++) {   // one dense row at a time: memory O(M)
            if (t.dtype() == NpyDtype.FLOAT32) {
                float[] row = new float[M];
                for (int k = (int) offsets[b]; k < offsets[b + 1]; k++) row[indices[k]] = (float) v[k];
                denseWeights.append(row, 0, M);
            } else {
                double[] row = new double[M];
                for (int k = (int) offsets[b]; k < offsets[b + 1]; k++) row[indices[k]] = v[k];
                denseWeights.append(row, 0, M);
            }
        }
    }

    /** Closes every file (checking each got all its values) and replaces the targets as a set. */
    void commit() throws IOException {
        states.close();
        if (denseWeights != null) denseWeights.close();
        if (energies != null) energies.close();
        if (csr != null) csr.finish(t.M(), t.dtype());
        set.commit();
    }

    /** Without {@link #commit()}: deletes what was staged, keeping the old targets. */
    @Override
    public void close() throws IOException {
        closeQuietly(states);
        if (denseWeights != null) closeQuietly(denseWeights);
        if (energies != null) closeQuietly(energies);
        if (csr != null) csr.close();
        set.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception alreadyFailing) {
            // the run failed or committed; a short file here is deleted with the staging set
        }
    }

    /** The CSR members (offsets int64, indices int32, values) streamed into temporary files. */
    private static final class CsrParts implements AutoCloseable {
        private final Path staging;
        private final Path offsetsFile, indicesFile, valuesFile;
        private final DataOutputStream offsets, indices, values;
        private long nnz;
        private int rows;

        /** The parts are scratch files of the set: deleted with the staging files, after any kill too. */
        CsrParts(Path staging, OutputSet set, Path target) throws IOException {
            this.staging = staging;
            offsetsFile = set.scratch(target, "offsets");
            indicesFile = set.scratch(target, "indices");
            valuesFile = set.scratch(target, "values");
            offsets = stream(offsetsFile);
            indices = stream(indicesFile);
            values = stream(valuesFile);
            writeLong(0);
        }

        private static DataOutputStream stream(Path p) throws IOException {
            return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), 1 << 16));
        }

        void append(SparseWeights p, boolean f32) throws IOException {
            long[] off = p.offsets();
            int[] idx = p.indices();
            for (int b = 0; b < p.rows(); b++) {
                for (long k = off[b]; k < off[b + 1]; k++) {
                    indices.writeInt(Integer.reverseBytes(idx[(int) k]));
                    if (f32) values.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(p.floatValues()[(int) k])));
                    else values.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(p.values()[(int) k])));
                }
                nnz += off[b + 1] - off[b];
                writeLong(nnz);
                rows++;
            }
        }

        private void writeLong(long v) throws IOException {
            offsets.writeLong(Long.reverseBytes(v));
        }

        void finish(int M, NpyDtype dtype) throws IOException {
            offsets.close();
            indices.close();
            values.close();
            if (nnz > Integer.MAX_VALUE - 8) throw new IOException("more than 2^31 weights: the CSR arrays do not fit numpy's int32 indices");
            NpzWriter.create().addRaw("offsets", "<i8", rows + 1, offsetsFile).addRaw("indices", "<i4", (int) nnz, indicesFile)
                    .addRaw("values", dtype.descr(), (int) nnz, valuesFile).add("shape", new long[] {rows, M})
                    .write(staging);
            close();
        }

        @Override
        public void close() throws IOException {
            closeQuietly(offsets);
            closeQuietly(indices);
            closeQuietly(values);
            Files.deleteIfExists(offsetsFile);
            Files.deleteIfExists(indicesFile);
            Files.deleteIfExists(valuesFile);
        }
    }
}
