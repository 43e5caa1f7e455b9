package org.hopfield4j.nn;

/**
 * The Hopfield layer (docs/math.md#hopfield-layer): state patterns R retrieve from stored patterns Y
 * and read values V,
 * <pre>
 *   out = W_O · concat_h Assoc_h(R W_Qᵀ, Y W_Kᵀ, V W_Vᵀ),   Assoc(q, K, V) = map(β_h q Kᵀ + mask) V,
 * </pre>
 * with LayerNorm on R, Y, V, T update steps, any separation map (α fixed or learned per head), a
 * learned-kernel similarity and U-Hop's stage I as options ({@link HopfieldBuilder}). In a
 * {@link Model} it associates its input with itself (R = Y = V = the input, padding masked); the
 * three-input {@link #forward(Batch, Batch, Batch, boolean)} takes them separately.
 */
public final class Hopfield extends AssociativeLayer {
    /** The gradients of the three inputs of {@link #forward(Batch, Batch, Batch, boolean)}. */
    public record InputGradients(Batch state, Batch stored, Batch values) {}

    Hopfield(HopfieldSettings settings) {
        super(settings);
    }

    /**
     * A builder of any of the three layers ({@link HopfieldBuilder#build()}, {@code buildPooling(queries)},
     * {@code buildLayer(memories)}) for inputs of {@code width} values (state, stored and value widths alike
     * unless set).
     */
    public static HopfieldBuilder builder(int width) {
        return new HopfieldBuilder(width);
    }

    /** Self-association: state, stored patterns and values are all the input. */
    @Override
    public Batch forward(Batch input, boolean training) {
        return core.forward(input, input, input, training);
    }

    /** The sum of the three inputs' gradients (they were the same batch). */
    @Override
    public Batch backward(Batch gradOutput) {
        return core.backward(gradOutput).sum(HopfieldCore.STATE, HopfieldCore.STORED, HopfieldCore.VALUES);
    }

    /** The output for state R (bags × state rows), stored Y and values V (bags × stored rows, Y's padding). */
    public Batch forward(Batch state, Batch stored, Batch values, boolean training) {
        return core.forward(state, stored, values, training);
    }

    /** The gradients of R, Y and V after {@link #forward(Batch, Batch, Batch, boolean)}. */
    public InputGradients backwardInputs(Batch gradOutput) {
        HopfieldCore.Gradients<?> g = core.backward(gradOutput);
        return new InputGradients(g.sum(HopfieldCore.STATE), g.sum(HopfieldCore.STORED), g.sum(HopfieldCore.VALUES));
    }

    @Override
    public String kind() {
        return "hopfield";
    }
}
