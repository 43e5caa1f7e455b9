package org.hopfield4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Separation;

/**
 * The computation shared by the three Hopfield layers (docs/math.md#hopfield-layer): LayerNorm on the
 * inputs, the projections, the heads, T association steps through {@link Association} (h-grad's
 * primitive: this class never differentiates an association itself), optional learned-kernel
 * similarity with U-Hop's stage I, and W_O. One forward's state is kept for its backward. The products
 * and associations run in the settings' precision; LayerNorm, the head reshuffles and the parameters
 * stay float64 (docs/java-api.md#layer-precision).
 */
final class HopfieldCore {
    private final HopfieldSettings s;
    private final LayerNorm normState;
    private final LayerNorm normStored;
    private final LayerNorm normValue;
    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear wo;
    private final Parameter logBeta;   // learned β, as log β
    private final Parameter rawAlpha;  // learned α per head (EntmaxAlpha's raw values)
    private final Parameter kernel;    // W (D × dk) of the learned-kernel similarity
    private final SplittableRandom random;
    private final List<Parameter> parameters = new ArrayList<>();
    private Pass pass;

    /** What one forward keeps for the backward. */
    private static final class Pass {
        Batch state;
        Batch stored;
        Batch values;
        int bags;
        double[] keys;                     // k, head-major
        final List<double[]> queries = new ArrayList<>();  // the query entering each step
        final List<AssociationStep<?>> steps = new ArrayList<>();
    }

    HopfieldCore(HopfieldSettings s) {
        this.s = s;
        long seed = s.seed();
        int h = s.heads();
        normState = s.normalize().state() ? add("norm_state", new LayerNorm(s.stateWidth())) : null;
        normStored = s.normalize().stored() ? add("norm_stored", new LayerNorm(s.storedWidth())) : null;
        normValue = s.normalize().value() ? add("norm_value", new LayerNorm(s.valueWidth())) : null;
        wq = s.project().state() ? add("w_q", new Linear(s.stateWidth(), h * s.keyDim(), false, seed, s.precision())) : null;
        wk = s.project().stored() ? add("w_k", new Linear(s.storedWidth(), h * s.keyDim(), false, seed + 1, s.precision())) : null;
        wv = s.project().value() ? add("w_v", new Linear(s.valueWidth(), h * s.valueDim(), false, seed + 2, s.precision())) : null;
        wo = s.project().output() ? add("w_o", new Linear(h * s.valueDim(), s.outputWidth(), false, seed + 3, s.precision())) : null;
        logBeta = s.learnBeta() ? add(new Parameter("log_beta", 1, h, false)) : null;
        if (logBeta != null) for (int i = 0; i < h; i++) logBeta.values()[i] = Math.log(s.betas()[i]);
        rawAlpha = s.learnAlpha() ? add(new Parameter("alpha_raw", 1, h, false)) : null;
        if (rawAlpha != null) for (int i = 0; i < h; i++) rawAlpha.values()[i] = EntmaxAlpha.raw(s.alphas()[i]);
        kernel = s.kernelDim() > 0 ? add(new Parameter("kernel", s.kernelDim(), s.keyDim(), false)) : null;
        if (kernel != null) Init.xavierUniform(kernel, s.keyDim(), s.kernelDim(), seed + 4);
        random = new SplittableRandom(seed + 5);
    }

    private <L extends Layer> L add(String prefix, L layer) {
        for (Parameter p : layer.parameters()) parameters.add(p.prefixed(prefix));
        return layer;
    }

    private Parameter add(Parameter p) {
        parameters.add(p);
        return p;
    }

    HopfieldSettings settings() {
        return s;
    }

    List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    /** β per head now (learned or fixed). */
    double[] betas() {
        if (logBeta == null) return s.betas().clone();
        double[] b = new double[s.heads()];
        for (int i = 0; i < b.length; i++) b[i] = Math.exp(logBeta.values()[i]);
        return b;
    }

    /** α per head now (learned or fixed), or null when the heads share {@link HopfieldSettings#separation()}. */
    double[] alphas() {
        return rawAlpha != null ? EntmaxAlpha.alphas(rawAlpha.values()) : s.alphas() == null ? null : s.alphas().clone();
    }

    /** The output rows (state.bags × state.length × outputWidth) for state R, stored Y and values. */
    Batch forward(Batch state, Batch stored, Batch values, boolean training) {
        checkInputs(state, stored, values);
        Pass p = new Pass();
        p.state = state;
        p.stored = stored;
        p.values = values;
        p.bags = stored.bags();
        int b = p.bags, h = s.heads(), n = stored.length(), rows = state.length(), dk = s.keyDim(), dv = s.valueDim();
        double[] q = Heads.split(project(wq, norm(normState, state, training), training), b * rows, h, dk);
        p.keys = Heads.split(project(wk, norm(normStored, stored, training), training), b * n, h, dk);
        double[] v = Heads.split(project(wv, norm(normValue, values, training), training), b * n, h, dv);
        if (training && s.uhop() != null) stageOne(p.keys, stored);
        double[] keyFeatures = features(p.keys, h * b * n);
        double[] beta = Heads.perProblem(betas(), b);
        Separation map = map(b * rows);
        int keyWidth = kernel == null ? dk : s.kernelDim();
        for (int t = 0; t + 1 < s.updateSteps(); t++) {
            Association step = masked(Association.of(map, new Association.Shape(h * b, rows, n, keyWidth, dk)), stored);
            AssociationStep<?> f = AssociationStep.run(s.precision(), step, features(q, h * b * rows), keyFeatures, p.keys, beta);
            p.queries.add(q);
            p.steps.add(f);
            double[] next = f.output();
            boolean settled = s.epsilon() > 0 && maxChange(q, next) <= s.epsilon();
            q = next;
            if (settled) break;
        }
        Association last = masked(Association.of(map, new Association.Shape(h * b, rows, n, keyWidth, dv)), stored);
        if (training && s.dropout() > 0) last = last.withDropout(keeps(last.shape()), s.dropout());
        p.queries.add(q);
        p.steps.add(AssociationStep.run(s.precision(), last, features(q, h * b * rows), keyFeatures, v, beta));
        pass = p;
        Batch merged = state.with(Heads.merge(p.steps.get(p.steps.size() - 1).output(), b * rows, h, dv), h * dv);
        if (wo != null) return wo.forward(merged, training);
        merged.clearPadding(merged.values(), h * dv);
        return merged;
    }

    /** The gradients of the last forward's state, stored and value inputs, given the output's. */
    Batch[] backward(Batch gradOutput) {
        Pass p = pass;
        if (p == null) throw new IllegalStateException("hopfield: backward before forward");
        int b = p.bags, h = s.heads(), n = p.stored.length(), rows = p.state.length(), dk = s.keyDim(), dv = s.valueDim();
        double[] dMerged;
        if (wo != null) {
            dMerged = wo.backward(gradOutput).values();
        } else {
            dMerged = gradOutput.values().clone();
            p.state.clearPadding(dMerged, h * dv);
        }
        double[] dq = Heads.split(dMerged, b * rows, h, dv);
        double[] dKeys = p.steps.size() == 1 ? null : new double[p.keys.length];
        double[] dKeyFeatures = null;
        double[] dValues = null;
        double[] dBeta = new double[h * b];
        double[] dAlpha = null;
        for (int t = p.steps.size() - 1; t >= 0; t--) {
            AssociationGradients<double[]> g = p.steps.get(t).backward(dq);
            if (t == p.steps.size() - 1) dValues = g.dValues();
            else add(dKeys, g.dValues());
            dKeyFeatures = dKeyFeatures == null ? g.dKeys() : add(dKeyFeatures, g.dKeys());
            dq = featuresBackward(g.dQueries(), p.queries.get(t), h * b * rows);
            add(dBeta, g.dBeta());
            if (g.dAlpha() != null) dAlpha = dAlpha == null ? g.dAlpha() : add(dAlpha, g.dAlpha());
        }
        double[] dKeysThroughScores = featuresBackward(dKeyFeatures, p.keys, h * b * n);
        if (p.steps.size() == 1) dKeys = dKeysThroughScores;   // the only path to the keys: no sum to form
        else add(dKeys, dKeysThroughScores);
        if (logBeta != null) {
            double[] perHead = Heads.sumPerHead(dBeta, h), beta = betas();
            for (int i = 0; i < h; i++) logBeta.gradient()[i] += perHead[i] * beta[i];
        }
        if (rawAlpha != null) add(rawAlpha.gradient(), EntmaxAlpha.rawGradient(rawAlpha.values(), dAlpha));
        Batch dState = unproject(wq, normState, p.state, Heads.merge(dq, b * rows, h, dk), h * dk);
        Batch dStored = unproject(wk, normStored, p.stored, Heads.merge(dKeys, b * n, h, dk), h * dk);
        Batch dValue = unproject(wv, normValue, p.values, Heads.merge(dValues, b * n, h, dv), h * dv);
        return new Batch[] {dState, dStored, dValue};
    }

    /** The association matrix of the last forward's last step: [head][bag][state row][stored row]. */
    double[] lastAssociations() {
        if (pass == null) throw new IllegalStateException("hopfield: no forward yet");
        return pass.steps.get(pass.steps.size() - 1).associations();
    }

    private void checkInputs(Batch state, Batch stored, Batch values) {
        org.hopfield4j.internal.Check.notNull(state, "state");
        org.hopfield4j.internal.Check.notNull(stored, "stored");
        org.hopfield4j.internal.Check.notNull(values, "values");
        width("state", state, s.stateWidth());
        width("stored", stored, s.storedWidth());
        width("values", values, s.valueWidth());
        if (state.bags() != stored.bags() || values.bags() != stored.bags()) {
            throw new IllegalArgumentException("state, stored and values must hold the same bags, got " + state.bags()
                    + ", " + stored.bags() + " and " + values.bags());
        }
        if (values.length() != stored.length() || !java.util.Arrays.equals(values.sizes(), stored.sizes())) {
            throw new IllegalArgumentException("values must have the stored patterns' rows per bag, got " + values
                    + " for " + stored);
        }
        HopfieldSettings.AssociationMask m = s.mask();
        if (m != null && (m.rows() != state.length() || m.cols() != stored.length())) {
            throw new IllegalArgumentException("the association mask is " + m.rows() + " x " + m.cols()
                    + " but the batch has " + state.length() + " state and " + stored.length() + " stored rows per bag");
        }
    }

    private static void width(String name, Batch x, int expected) {
        if (x.width() != expected) {
            throw new IllegalArgumentException(name + " rows must have " + expected + " values, got " + x.width());
        }
    }

    private static Batch norm(LayerNorm norm, Batch x, boolean training) {
        return norm == null ? x : norm.forward(x, training);
    }

    private static double[] project(Linear w, Batch x, boolean training) {
        return w == null ? x.values() : w.forward(x, training).values();
    }

    private static Batch unproject(Linear w, LayerNorm norm, Batch input, double[] dProjected, int width) {
        Batch d = input.with(dProjected, width);
        if (w != null) d = w.backward(d);
        else input.clearPadding(d.values(), width);
        return norm == null ? d : norm.backward(d);
    }

    /** The map of every problem: the shared one, or α-entmax with each head's α on its rows. */
    private Separation map(int rowsPerHead) {
        double[] alphas = alphas();
        return alphas == null ? s.separation() : Separation.entmaxPerRow(EntmaxAlpha.perRow(alphas, rowsPerHead));
    }

    /** The padding mask of the stored patterns and the association mask, on every (head, bag) problem. */
    private Association masked(Association a, Batch stored) {
        int problems = a.shape().problems();
        if (!stored.isFull()) {
            int[] counts = new int[problems];
            for (int i = 0; i < problems; i++) counts[i] = stored.size(i % stored.bags());
            a = a.withKeyCounts(counts);
        }
        HopfieldSettings.AssociationMask m = s.mask();
        if (m == null) return a;
        int block = m.allowed().length;
        boolean[] all = new boolean[problems * block];
        for (int i = 0; i < problems; i++) System.arraycopy(m.allowed(), 0, all, i * block, block);
        return a.withMask(all);
    }

    private boolean[] keeps(Association.Shape shape) {
        boolean[] keep = new boolean[shape.problems() * shape.queries() * shape.keys()];
        for (int i = 0; i < keep.length; i++) keep[i] = random.nextDouble() >= s.dropout();
        return keep;
    }

    /** W x on every row when the similarity is the learned kernel, else x itself. */
    private double[] features(double[] x, int rows) {
        return kernel == null ? x : Matrices.linear(s.precision(), x, rows, s.keyDim(), kernel.values(), null, s.kernelDim());
    }

    /** The gradient with respect to x given the one with respect to features(x); adds dW unless stage I owns W. */
    private double[] featuresBackward(double[] dFeatures, double[] x, int rows) {
        if (kernel == null) return dFeatures;
        double[] dw = s.uhop() == null ? kernel.gradient() : new double[kernel.size()];
        return Matrices.linearBackward(s.precision(), dFeatures, x, rows, s.keyDim(), kernel.values(), dw, null, s.kernelDim(), true);
    }

    /**
     * U-Hop Algorithm 2, stage I: before the outer update, the configured {@code KernelTrainer}'s epochs
     * (N_i) of separation-loss descent on W over this batch's real projected keys (every head's).
     */
    private void stageOne(double[] keys, Batch stored) {
        int b = stored.bags(), n = stored.length(), dk = s.keyDim(), count = 0;
        double[] rows = new double[keys.length];
        for (int p = 0; p < s.heads() * b; p++) {
            int real = stored.size(p % b);
            System.arraycopy(keys, p * n * dk, rows, count * dk, real * dk);
            count += real;
        }
        if (count < 2) return; // a separation loss needs two patterns
        try (MemoryStore store = MemoryStore.ofDouble(java.util.Arrays.copyOf(rows, count * dk), count, dk)) {
            LearnedKernel trained = s.uhop().train(store, kernel.values(), s.kernelDim());
            System.arraycopy(trained.featureMap(), 0, kernel.values(), 0, kernel.size());
        }
    }

    private static double maxChange(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    private static double[] add(double[] into, double[] x) {
        for (int i = 0; i < x.length; i++) into[i] += x[i];
        return into;
    }
}
