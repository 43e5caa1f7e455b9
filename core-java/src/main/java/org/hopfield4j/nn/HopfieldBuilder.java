package org.hopfield4j.nn;

import org.hopfield4j.KernelTrainer;
import org.hopfield4j.Precision;
import org.hopfield4j.Separation;
import org.hopfield4j.internal.Check;

/**
 * Builds the {@link HopfieldSettings} of a {@link Hopfield}, {@link HopfieldPooling} or
 * {@link HopfieldLayer}. Defaults follow ml-jku/hopfield-layers: one head, every projection and every
 * LayerNorm on, dk = stored width / heads, dv = value width / heads, output width = value width,
 * β = 1/√dk, softmax, one update step, no dropout, no mask, dot-product similarity, seed 0, float64.
 */
public final class HopfieldBuilder {
    private int stateWidth;
    private int storedWidth;
    private int valueWidth;
    private int heads = 1;
    private int keyDim;
    private int valueDim;
    private int outputWidth;
    private HopfieldSettings.Projections project = new HopfieldSettings.Projections(true, true, true, true);
    private HopfieldSettings.Normalization normalize = new HopfieldSettings.Normalization(true, true, true);
    private double[] betas;
    private boolean learnBeta;
    private Separation separation = Separation.softmax();
    private double[] alphas;
    private boolean learnAlpha;
    private int updateSteps = 1;
    private double epsilon;
    private double dropout;
    private HopfieldSettings.AssociationMask mask;
    private int kernelDim;
    private KernelTrainer uhop;
    private long seed;
    private Precision precision = Precision.FLOAT64;

    HopfieldBuilder(int width) {
        stateWidth = storedWidth = valueWidth = Check.positive("input width", width);
    }

    /** The width of a state pattern (default: the input width). */
    public HopfieldBuilder stateWidth(int width) {
        stateWidth = width;
        return this;
    }

    /** The width of a stored pattern (default: the input width). */
    public HopfieldBuilder storedWidth(int width) {
        storedWidth = width;
        return this;
    }

    /** The width of a value pattern (default: the input width). */
    public HopfieldBuilder valueWidth(int width) {
        valueWidth = width;
        return this;
    }

    public HopfieldBuilder heads(int heads) {
        this.heads = heads;
        return this;
    }

    /** dk, the width of a projected query and key, per head. */
    public HopfieldBuilder keyDim(int dk) {
        keyDim = dk;
        return this;
    }

    /** dv, the width of a projected value, per head. */
    public HopfieldBuilder valueDim(int dv) {
        valueDim = dv;
        return this;
    }

    public HopfieldBuilder outputWidth(int width) {
        outputWidth = width;
        return this;
    }

    /** Which of W_Q, W_K, W_V, W_O are on (off: the identity, splitting the input between the heads). */
    public HopfieldBuilder projections(boolean state, boolean stored, boolean value, boolean output) {
        project = new HopfieldSettings.Projections(state, stored, value, output);
        return this;
    }

    /** LayerNorm on the state, stored and value inputs. */
    public HopfieldBuilder normalize(boolean state, boolean stored, boolean value) {
        normalize = new HopfieldSettings.Normalization(state, stored, value);
        return this;
    }

    /** β, the same for every head, or one per head. */
    public HopfieldBuilder beta(double... betas) {
        this.betas = Check.notNull(betas, "beta").clone();
        return this;
    }

    /** Whether β is trained (as log β). */
    public HopfieldBuilder learnBeta(boolean learn) {
        learnBeta = learn;
        return this;
    }

    /** The map of every head (clears {@link #alphas}). */
    public HopfieldBuilder separation(Separation map) {
        separation = Check.notNull(map, "separation");
        alphas = null;
        learnAlpha = false;
        return this;
    }

    /** α-entmax with a fixed α per head (one value: every head). */
    public HopfieldBuilder alphas(double... alphas) {
        this.alphas = Check.notNull(alphas, "alphas").clone();
        learnAlpha = false;
        return this;
    }

    /** α-entmax with α learned per head, starting at {@code initial} (one value: every head), in (1.01, 2). */
    public HopfieldBuilder learnedAlpha(double... initial) {
        alphas(initial);
        learnAlpha = true;
        return this;
    }

    /** T: T − 1 retrieval steps on the projected query, then the step that reads the values. */
    public HopfieldBuilder updateSteps(int steps) {
        updateSteps = steps;
        return this;
    }

    /** Stop the retrieval steps once no query entry moves by more than ε (0, the default: run all T). */
    public HopfieldBuilder epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    /** Dropout on the association matrix, in training. */
    public HopfieldBuilder dropout(double rate) {
        dropout = rate;
        return this;
    }

    /** An association mask of state rows × stored rows (false: not attended), the same for every bag and head. */
    public HopfieldBuilder mask(boolean[] allowed, int rows, int cols) {
        mask = new HopfieldSettings.AssociationMask(allowed, rows, cols);
        return this;
    }

    /** Learned-kernel similarity β⟨W q, W k⟩ with W of D rows (U-Hop's Φ inside the layer). */
    public HopfieldBuilder kernel(int D) {
        kernelDim = D;
        return this;
    }

    /**
     * U-Hop Algorithm 2: before each training forward, {@code stageOne}'s epochs (N_i) of its separation
     * loss on W over the batch's projected keys; W then takes no task gradient. Needs {@link #kernel(int)}.
     */
    public HopfieldBuilder uhop(KernelTrainer stageOne) {
        uhop = Check.notNull(stageOne, "stage I trainer");
        return this;
    }

    public HopfieldBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * What the layer's products and associations compute in: float64 (the default, what the finite-difference
     * checks need) or float32 (sgemm and the float32 kernels, about twice as fast; parameters, gradients and
     * the activations between the steps stay float64: docs/java-api.md#layer-precision).
     */
    public HopfieldBuilder precision(Precision precision) {
        this.precision = Check.notNull(precision, "precision");
        return this;
    }

    /** The settings, with the defaults filled in. */
    public HopfieldSettings settings() {
        Check.positive("heads", heads);
        int dk = keyDim > 0 ? keyDim : Math.max(1, storedWidth / heads);
        int dv = valueDim > 0 ? valueDim : Math.max(1, valueWidth / heads);
        int out = outputWidth > 0 ? outputWidth : project.output() ? valueWidth : heads * dv;
        double[] b = betas == null ? new double[] {1 / Math.sqrt(dk)} : betas;
        return new HopfieldSettings(stateWidth, storedWidth, valueWidth, heads, dk, dv, out, project, normalize,
                perHead("beta", b), learnBeta, separation, alphas == null ? null : perHead("alphas", alphas), learnAlpha,
                updateSteps, epsilon, dropout, mask, kernelDim, uhop, seed, precision);
    }

    private double[] perHead(String name, double[] values) {
        if (values.length == heads) return values;
        if (values.length != 1) {
            throw new IllegalArgumentException(name + " needs one value or one per head (" + heads + "), got " + values.length);
        }
        double[] all = new double[heads];
        java.util.Arrays.fill(all, values[0]);
        return all;
    }

    /** A {@link Hopfield} layer (self-association in a {@link Model}). */
    public Hopfield build() {
        return new Hopfield(settings());
    }

    /** A {@link HopfieldPooling} layer with {@code queries} learned query patterns. */
    public HopfieldPooling buildPooling(int queries) {
        return new HopfieldPooling(queries, settings());
    }

    /** A {@link HopfieldLayer} with a learned memory of {@code memories} patterns and targets. */
    public HopfieldLayer buildLayer(int memories) {
        return new HopfieldLayer(memories, settings());
    }
}
