package org.hopfield4j.nn;

import org.hopfield4j.internal.Check;

/**
 * Hopfield pooling: S learned query patterns (the state R, a parameter of S × state width, the same for
 * every bag) retrieve from each bag's instances (stored patterns and values = the input, padding
 * masked), so a bag of any size becomes S · output width values: the output is one row per bag,
 * the S retrievals side by side. The query patterns are what the pooling looks for (ml-jku/hopfield-layers
 * #25); {@link #associations()} shows which instances each one found (#23).
 */
public final class HopfieldPooling extends AssociativeLayer {
    private final Parameter queries;

    HopfieldPooling(int queries, HopfieldSettings settings) {
        super(settings);
        Check.positive("query patterns", queries);
        this.queries = own(new Parameter("queries", queries, settings.stateWidth(), true));
        Init.xavierUniform(this.queries, settings.stateWidth(), queries, settings.seed() + 6);
    }

    /** The learned query patterns. */
    public Parameter queries() {
        return queries;
    }

    @Override
    public Batch forward(Batch input, boolean training) {
        Check.notNull(input, "input");
        Batch out = core.forward(repeated(queries, input.bags()), input, input, training);
        return Batch.full(out.values(), out.bags(), 1, out.length() * out.width());
    }

    @Override
    public Batch backward(Batch gradOutput) {
        Check.notNull(gradOutput, "gradOutput");
        int s = queries.rows(), w = settings().outputWidth();
        Check.length("gradOutput", gradOutput.values().length, (long) gradOutput.bags() * s * w, "bags * queries * output width");
        HopfieldCore.Gradients<?> g = core.backward(Batch.full(gradOutput.values(), gradOutput.bags(), s, w));
        accumulate(queries, g.sum(HopfieldCore.STATE));
        return g.sum(HopfieldCore.STORED, HopfieldCore.VALUES);
    }

    @Override
    public String kind() {
        return "hopfield_pooling";
    }
}
