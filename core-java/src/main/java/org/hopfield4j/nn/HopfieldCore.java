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
 * similarity with U-Hop's stage I, and W_O. One forward's state is kept for its backward. The
 * activations flow in the settings' precision through an {@link ActivationPath} (float32: float arrays
 * from the rounded input to the widened output); the parameters stay float64
 * (docs/java-api.md#layer-precision).
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
    private final Flow<?> flow;

    /** The activation path of the layer's precision and the input and output sides built on it. */
    private static final class Flow<A> {
        final ActivationPath<A> path;
        final ActivationPath.HeadsIn<A> state;
        final ActivationPath.HeadsIn<A> stored;
        final ActivationPath.HeadsIn<A> values;
        final ActivationPath.HeadsOut<A> output;
        Pass<A> pass;

        Flow(ActivationPath<A> path, HopfieldCore c) {
            this.path = path;
            int h = c.s.heads();
            state = path.headsIn(c.normState, c.wq, h, c.s.keyDim());
            stored = path.headsIn(c.normStored, c.wk, h, c.s.keyDim());
            values = path.headsIn(c.normValue, c.wv, h, c.s.valueDim());
            output = path.headsOut(c.wo, h, c.s.valueDim());
        }
    }

    /** What one forward keeps for the backward. */
    private static final class Pass<A> {
        Batch state;
        Batch stored;
        Batch values;
        A keys;                            // k, head-major
        final List<A> queries = new ArrayList<>();  // the query entering each step
        final List<AssociationStep<A>> steps = new ArrayList<>();
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
        flow = flow(ActivationPath.of(s.precision()));
    }

    private <A> Flow<A> flow(ActivationPath<A> path) {
        return new Flow<>(path, this);
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
        return forward(flow, state, stored, values, training);
    }

    private <A> Batch forward(Flow<A> f, Batch state, Batch stored, Batch values, boolean training) {
        AssociationPrecision<A> type = f.path.type();
        f.path.startForward();
        Pass<A> p = new Pass<>();
        p.state = state;
        p.stored = stored;
        p.values = values;
        int b = stored.bags(), h = s.heads(), n = stored.length(), rows = state.length(), dk = s.keyDim(), dv = s.valueDim();
        A q = f.state.forward(state, training);
        p.keys = f.stored.forward(stored, training);
        A v = f.values.forward(values, training);
        if (training && s.uhop() != null) stageOne(type.toDoubles(p.keys), stored);
        A keyFeatures = features(f.path, p.keys, h * b * n);
        double[] beta = Heads.perProblem(betas(), b);
        Separation map = map(b * rows);
        int keyWidth = kernel == null ? dk : s.kernelDim();
        for (int t = 0; t + 1 < s.updateSteps(); t++) {
            Association step = masked(Association.of(map, new Association.Shape(h * b, rows, n, keyWidth, dk)), stored);
            AssociationStep<A> st = AssociationStep.run(type, step, features(f.path, q, h * b * rows), keyFeatures, p.keys, beta);
            p.queries.add(q);
            p.steps.add(st);
            A next = st.output();
            boolean settled = s.epsilon() > 0 && type.maxChange(q, next) <= s.epsilon();
            q = next;
            if (settled) break;
        }
        Association last = masked(Association.of(map, new Association.Shape(h * b, rows, n, keyWidth, dv)), stored);
        if (training && s.dropout() > 0) last = last.withDropout(keeps(last.shape()), s.dropout());
        p.queries.add(q);
        p.steps.add(AssociationStep.run(type, last, features(f.path, q, h * b * rows), keyFeatures, v, beta));
        f.pass = p;
        return f.output.forward(state, p.steps.get(p.steps.size() - 1).output(), training);
    }

    /** Which input of the core a gradient belongs to (the index into {@link Gradients#sum}). */
    static final int STATE = 0, STORED = 1, VALUES = 2;

    /**
     * The gradients of one backward's state, stored and value inputs, kept in the path's precision until
     * asked for: a layer that passed one batch as several inputs asks for their sum, formed in the one
     * conversion to float64.
     */
    static final class Gradients<A> {
        private final ActivationPath<A> path;
        private final Batch[] inputs;
        private final List<A> grads;

        private Gradients(ActivationPath<A> path, Batch[] inputs, List<A> grads) {
            this.path = path;
            this.inputs = inputs;
            this.grads = grads;
        }

        /** The sum of the gradients of the given inputs ({@link #STATE}, {@link #STORED}, {@link #VALUES}), in that order. */
        Batch sum(int... which) {
            List<A> parts = new ArrayList<>();
            for (int i : which) parts.add(grads.get(i));
            return path.sumToBatch(inputs[which[0]], parts);
        }
    }

    /** The gradients of the last forward's state, stored and value inputs, given the output's. */
    Gradients<?> backward(Batch gradOutput) {
        return backward(flow, gradOutput);
    }

    private <A> Gradients<A> backward(Flow<A> f, Batch gradOutput) {
        Pass<A> p = f.pass;
        if (p == null) throw new IllegalStateException("hopfield: backward before forward");
        AssociationPrecision<A> type = f.path.type();
        int b = p.stored.bags(), h = s.heads(), n = p.stored.length(), rows = p.state.length();
        A dq = f.output.backward(gradOutput);
        A dKeys = p.steps.size() == 1 ? null : type.allocate(type.length(p.keys));
        A dKeyFeatures = null;
        A dValues = null;
        double[] dBeta = new double[h * b];
        double[] dAlpha = null;
        for (int t = p.steps.size() - 1; t >= 0; t--) {
            AssociationGradients<A> g = p.steps.get(t).backward(dq);
            if (t == p.steps.size() - 1) dValues = g.dValues();
            else type.addInto(dKeys, g.dValues());
            dKeyFeatures = dKeyFeatures == null ? g.dKeys() : type.addInto(dKeyFeatures, g.dKeys());
            dq = featuresBackward(f.path, g.dQueries(), p.queries.get(t), h * b * rows);
            add(dBeta, g.dBeta());
            if (g.dAlpha() != null) dAlpha = dAlpha == null ? g.dAlpha() : add(dAlpha, g.dAlpha());
        }
        A dKeysThroughScores = featuresBackward(f.path, dKeyFeatures, p.keys, h * b * n);
        if (p.steps.size() == 1) dKeys = dKeysThroughScores;   // the only path to the keys: no sum to form
        else type.addInto(dKeys, dKeysThroughScores);
        if (logBeta != null) {
            double[] perHead = Heads.sumPerHead(dBeta, h), beta = betas();
            for (int i = 0; i < h; i++) logBeta.gradient()[i] += perHead[i] * beta[i];
        }
        if (rawAlpha != null) add(rawAlpha.gradient(), EntmaxAlpha.rawGradient(rawAlpha.values(), dAlpha));
        return new Gradients<>(f.path, new Batch[] {p.state, p.stored, p.values},
                List.of(f.state.backward(dq), f.stored.backward(dKeys), f.values.backward(dValues)));
    }

    /** The association matrix of the last forward's last step: [head][bag][state row][stored row]. */
    double[] lastAssociations() {
        Pass<?> p = flow.pass;
        if (p == null) throw new IllegalStateException("hopfield: no forward yet");
        return p.steps.get(p.steps.size() - 1).associations();
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
    private <A> A features(ActivationPath<A> path, A x, int rows) {
        return kernel == null ? x : path.linear(x, rows, s.keyDim(), kernel.values(), s.kernelDim());
    }

    /** The gradient with respect to x given the one with respect to features(x); adds dW unless stage I owns W. */
    private <A> A featuresBackward(ActivationPath<A> path, A dFeatures, A x, int rows) {
        if (kernel == null) return dFeatures;
        double[] dw = s.uhop() == null ? kernel.gradient() : new double[kernel.size()];
        return path.linearBackward(dFeatures, x, rows, s.keyDim(), kernel.values(), dw, s.kernelDim());
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

    private static double[] add(double[] into, double[] x) {
        for (int i = 0; i < x.length; i++) into[i] += x[i];
        return into;
    }
}
