package org.hopfield4j.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * What the three Hopfield layers share: their {@link HopfieldSettings}, the parameters of the shared
 * computation, β and α per head, and the readable association matrix of the last forward.
 */
public abstract sealed class AssociativeLayer implements Layer permits Hopfield, HopfieldPooling, HopfieldLayer {
    final HopfieldCore core;
    private final List<Parameter> own = new ArrayList<>();

    AssociativeLayer(HopfieldSettings settings) {
        this.core = new HopfieldCore(settings);
    }

    /** Registers a parameter of the layer itself (learned queries, memory, targets), listed first. */
    final Parameter own(Parameter p) {
        own.add(p);
        return p;
    }

    /**
     * The association matrix of the last forward's last step, laid out [head][bag][state row][stored
     * row] (padding and masked entries exactly 0): the attention map, e.g. which instances of a bag
     * the pooling looked at.
     */
    public final double[] associations() {
        return core.lastAssociations();
    }

    /** β per head now (learned or fixed). */
    public final double[] betas() {
        return core.betas();
    }

    /** α per head now (fixed or learned), or null when the heads share a map without a per-head α. */
    public final double[] alphas() {
        return core.alphas();
    }

    public final HopfieldSettings settings() {
        return core.settings();
    }

    @Override
    public final List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(own);
        all.addAll(core.parameters());
        return all;
    }

    /** {@code copies} copies of the rows of {@code p}, one per bag, as a full batch. */
    static Batch repeated(Parameter p, int copies) {
        double[] v = new double[copies * p.size()];
        for (int b = 0; b < copies; b++) System.arraycopy(p.values(), 0, v, b * p.size(), p.size());
        return Batch.full(v, copies, p.rows(), p.cols());
    }

    /** Adds the per-bag gradients of a repeated parameter to its gradient. */
    static void accumulate(Parameter p, Batch perBag) {
        double[] g = p.gradient(), d = perBag.values();
        for (int i = 0; i < d.length; i++) g[i % g.length] += d[i];
    }
}
