package org.hopfield4j.nn;

import org.hopfield4j.KernelTrainer;
import org.hopfield4j.Precision;
import org.hopfield4j.Separation;
import org.hopfield4j.internal.Check;

/**
 * Everything that defines a {@link Hopfield} computation (docs/math.md#hopfield-layer); built by
 * {@link HopfieldBuilder}, which {@link HopfieldPooling} and {@link HopfieldLayer} share.
 *
 * @param stateWidth     width of a state pattern (a row of R, the queries' input)
 * @param storedWidth    width of a stored pattern (a row of Y, the keys' input)
 * @param valueWidth     width of a value pattern (the values' input; Y itself by default)
 * @param heads          independent associations, each with its own β (and α)
 * @param keyDim         dk, per head: the width of a projected query and key
 * @param valueDim       dv, per head: the width of a projected value
 * @param outputWidth    the width of an output row
 * @param project        which of W_Q, W_K, W_V, W_O are on (an off projection is the identity, splitting
 *                       its input between the heads)
 * @param normalize      LayerNorm on the state, stored and value inputs, before the projections
 * @param betas          β per head (finite, &gt; 0)
 * @param learnBeta      whether β is trained (as log β, so it stays &gt; 0)
 * @param separation     the map of every head, unless {@code alphas} is set
 * @param alphas         α-entmax with α per head (null: {@code separation}); initial values if learned
 * @param learnAlpha     whether α per head is trained (through {@link EntmaxAlpha}, staying in (1, 2])
 * @param updateSteps    T ≥ 1 association steps: T − 1 retrieval steps on the projected query, then the values
 * @param epsilon        stop the retrieval steps early once no entry of the query moves by more than ε (0: never)
 * @param dropout        dropout rate on the association matrix of the last step, in training
 * @param mask           association mask, state rows × stored rows (false: not attended), or null
 * @param kernelDim      D &gt; 0: learned-kernel similarity β⟨W q, W k⟩ with W (D × dk); 0: dot product
 * @param uhop           U-Hop Algorithm 2 stage I on W (needs kernelDim &gt; 0), or null
 * @param seed           the seed of every initialisation and of the dropout masks
 * @param precision      what the projections, the kernel features and the associations compute in (float32:
 *                       sgemm and the float32 kernels on rounded operands, parameters, gradients and activations
 *                       between the steps kept in float64: docs/java-api.md#layer-precision)
 */
public record HopfieldSettings(int stateWidth, int storedWidth, int valueWidth, int heads, int keyDim, int valueDim,
                               int outputWidth, Projections project, Normalization normalize, double[] betas,
                               boolean learnBeta, Separation separation, double[] alphas, boolean learnAlpha,
                               int updateSteps, double epsilon, double dropout, AssociationMask mask, int kernelDim,
                               KernelTrainer uhop, long seed, Precision precision) {
    /** Which projections are on. */
    public record Projections(boolean state, boolean stored, boolean value, boolean output) {}

    /** Which inputs are layer-normalised. */
    public record Normalization(boolean state, boolean stored, boolean value) {}

    /** An association mask: {@code allowed[i · cols + j]} says whether state row i may attend to stored row j. */
    public record AssociationMask(boolean[] allowed, int rows, int cols) {
        public AssociationMask {
            Check.notNull(allowed, "mask");
            Check.length("mask", allowed.length, (long) Check.matrixSize("mask rows", rows, 1, "mask cols", cols),
                    "rows * cols");
            allowed = allowed.clone();
        }
    }

    /** The settings in float64 (the record before it had a precision). */
    public HopfieldSettings(int stateWidth, int storedWidth, int valueWidth, int heads, int keyDim, int valueDim,
                            int outputWidth, Projections project, Normalization normalize, double[] betas,
                            boolean learnBeta, Separation separation, double[] alphas, boolean learnAlpha,
                            int updateSteps, double epsilon, double dropout, AssociationMask mask, int kernelDim,
                            KernelTrainer uhop, long seed) {
        this(stateWidth, storedWidth, valueWidth, heads, keyDim, valueDim, outputWidth, project, normalize, betas,
                learnBeta, separation, alphas, learnAlpha, updateSteps, epsilon, dropout, mask, kernelDim, uhop, seed,
                Precision.FLOAT64);
    }

    public HopfieldSettings {
        Check.positive("state width", stateWidth);
        Check.positive("stored width", storedWidth);
        Check.positive("value width", valueWidth);
        Check.positive("heads", heads);
        Check.positive("key dim", keyDim);
        Check.positive("value dim", valueDim);
        Check.positive("output width", outputWidth);
        Check.notNull(project, "projections");
        Check.notNull(normalize, "normalization");
        splitCheck("state width", stateWidth, project.state(), heads, keyDim);
        splitCheck("stored width", storedWidth, project.stored(), heads, keyDim);
        splitCheck("value width", valueWidth, project.value(), heads, valueDim);
        if (!project.output() && outputWidth != heads * valueDim) {
            throw new IllegalArgumentException("without W_O the output width is heads * value dim = "
                    + heads * valueDim + ", got " + outputWidth);
        }
        Check.length("betas", Check.notNull(betas, "betas").length, heads, "one per head");
        for (int h = 0; h < heads; h++) Check.positiveFinite("betas[" + h + "]", betas[h]);
        betas = betas.clone();
        Check.notNull(separation, "separation");
        if (alphas != null) {
            Check.length("alphas", alphas.length, heads, "one per head");
            for (int h = 0; h < heads; h++) {
                if (learnAlpha) EntmaxAlpha.raw(alphas[h]); // throws unless 1 + δ < α < 2
                else Check.alpha(alphas[h], "alphas[" + h + "]");
            }
            alphas = alphas.clone();
        } else if (learnAlpha) {
            throw new IllegalArgumentException("a learned alpha needs initial alphas per head");
        }
        Check.positive("update steps", updateSteps);
        Check.nonNegativeFinite("epsilon", epsilon);
        Check.halfOpenUnit("association dropout", dropout);
        Check.nonNegative("kernel dim", kernelDim);
        if (uhop != null && kernelDim == 0) {
            throw new IllegalArgumentException("U-Hop stage I trains the kernel: set a kernel dim > 0");
        }
        Check.notNull(precision, "precision");
    }

    private static void splitCheck(String name, int width, boolean projected, int heads, int dim) {
        if (!projected && width != heads * dim) {
            throw new IllegalArgumentException("without its projection the " + name + " is split between the heads: "
                    + "it must be heads * " + dim + " = " + heads * dim + ", got " + width);
        }
    }

    /** Whether the map is α-entmax with α per head (fixed or learned). */
    boolean alphaPerHead() {
        return alphas != null;
    }
}
