package org.hopfield4j.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hopfield4j.internal.Check;

/**
 * A sequential network: layers applied in order, the backward pass in reverse. Its parameters are
 * named {@code <index>.<kind>.<name>} ({@code 2.hopfield_pooling.queries}) for the archive and for
 * training loops that treat them differently.
 *
 * <pre>{@code
 * Model model = Model.of(new Linear(784, 64, seed), Activation.relu(),
 *         HopfieldPooling.builder(64).heads(4).separation(Separation.sparsemax()).seed(seed).build(),
 *         new Linear(64, 1, seed + 1));
 * AdamW adam = new AdamW(model.parameters(), AdamW.Settings.defaults(1e-3));
 * Loss loss = Loss.binaryCrossEntropy(model.forward(bags, true), labels);
 * model.zeroGradients();
 * model.backward(loss.gradient());
 * adam.step();
 * }</pre>
 */
public final class Model {
    private final List<Layer> layers;

    private Model(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    public static Model of(Layer... layers) {
        return of(List.of(layers));
    }

    public static Model of(List<Layer> layers) {
        Check.notNull(layers, "layers");
        if (layers.isEmpty()) throw new IllegalArgumentException("a model needs at least one layer");
        return new Model(layers);
    }

    /** The output for {@code input}; {@code training} switches dropout and U-Hop's inner stage on. */
    public Batch forward(Batch input, boolean training) {
        Batch x = Check.notNull(input, "input");
        for (Layer layer : layers) x = layer.forward(x, training);
        return x;
    }

    /** Adds every parameter's gradient for the last forward; returns the gradient for its input. */
    public Batch backward(Batch gradOutput) {
        Batch g = Check.notNull(gradOutput, "gradOutput");
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g);
        return g;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Every parameter, in layer order. */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every parameter by its qualified name, in layer order (unmodifiable). */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) named.put(i + "." + layers.get(i).kind() + "." + p.name(), p);
        }
        return Collections.unmodifiableMap(named);
    }

    public void zeroGradients() {
        for (Parameter p : parameters()) p.zeroGradient();
    }

    /** Saves every parameter's values as a checksummed {@code .npz} archive, atomically ({@link ParameterArchive}). */
    public void save(Path path) throws IOException {
        ParameterArchive.write(Check.notNull(path, "path"), namedParameters());
    }

    /**
     * Loads values saved by {@link #save(Path)} from a model of the same layers.
     *
     * @throws ModelFormatException if the file is damaged or its names or shapes are not this model's
     *     (nothing is loaded then)
     */
    public void load(Path path) throws IOException {
        ParameterArchive.read(Check.notNull(path, "path"), namedParameters());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Model[");
        for (int i = 0; i < layers.size(); i++) s.append(i == 0 ? "" : ", ").append(layers.get(i).kind());
        return s.append("]").toString();
    }
}
