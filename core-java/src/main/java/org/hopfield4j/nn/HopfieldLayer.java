package org.hopfield4j.nn;

import org.hopfield4j.internal.Check;

/**
 * A Hopfield lookup layer: the input rows are the state patterns; the stored patterns (a learned memory
 * of M × stored width) and their values (learned targets, M × value width) are parameters shared by
 * every bag. Each input row comes out as the projected read-out of what it retrieved.
 */
public final class HopfieldLayer extends AssociativeLayer {
    private final Parameter memory;
    private final Parameter targets;

    HopfieldLayer(int memories, HopfieldSettings settings) {
        super(settings);
        Check.positive("memories", memories);
        this.memory = own(new Parameter("memory", memories, settings.storedWidth(), true));
        this.targets = own(new Parameter("targets", memories, settings.valueWidth(), true));
        Init.xavierUniform(memory, settings.storedWidth(), memories, settings.seed() + 6);
        Init.xavierUniform(targets, settings.valueWidth(), memories, settings.seed() + 7);
    }

    public Parameter memory() {
        return memory;
    }

    public Parameter targets() {
        return targets;
    }

    @Override
    public Batch forward(Batch input, boolean training) {
        Check.notNull(input, "input");
        return core.forward(input, repeated(memory, input.bags()), repeated(targets, input.bags()), training);
    }

    @Override
    public Batch backward(Batch gradOutput) {
        HopfieldCore.Gradients<?> g = core.backward(gradOutput);
        accumulate(memory, g.sum(HopfieldCore.STORED));
        accumulate(targets, g.sum(HopfieldCore.VALUES));
        return g.sum(HopfieldCore.STATE);
    }

    @Override
    public String kind() {
        return "hopfield_layer";
    }
}
