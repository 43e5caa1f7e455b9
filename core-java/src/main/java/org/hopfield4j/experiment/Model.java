package org.hopfield4j.experiment;

import java.util.List;
import org.hopfield4j.FeatureDistanceRetriever;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.Similarity;
import org.hopfield4j.internal.Labels;

/** The models of the U-Hop paper's memory-retrieval experiments, by their report names. */
public enum Model {
    /** Dense modern Hopfield model: softmax, dot similarity (Ramsauer et al. 2020). */
    DENSE,
    /** Sparse modern Hopfield model: sparsemax, dot similarity (Hu et al. 2023). */
    SPARSE,
    /** Generalized sparse model: 1.5-entmax, dot similarity (Wu et al. 2024). */
    ENTMAX15,
    /** Dense associative memory poly-10: p ∝ max(s, 0)^10 normalised, dot similarity (Krotov and Hopfield 2016). */
    POLY10,
    /** Softmax over the negative L2 distance (Millidge et al. 2022). */
    L2,
    /** Softmax over the negative Manhattan distance (Millidge et al. 2022). */
    MANHATTAN,
    /** U-Hop: learned kernel (stage I), then softmax retrieval. */
    UHOP_DENSE,
    /** U-Hop: learned kernel (stage I), then sparsemax retrieval. */
    UHOP_SPARSE,
    /**
     * U-Hop with Adam in stage I ({@link #ADAM_LEARNING_RATE}; the experiment's loss, t, epochs and
     * normalisation), then softmax with the learned kernel at {@link #ADAM_BETA_SCALE} times the
     * experiment's β: one of the model search's two finalists (docs/results.md#model-search).
     */
    UHOP_ADAM,
    /**
     * U-Hop with Adam in stage I (as {@link #UHOP_ADAM}, the same kernel), then softmax over the negative
     * Manhattan distance between the learned features, −‖W ξ − W x‖₁ ({@link FeatureDistanceRetriever}), at
     * the experiment's β: the search's other finalist.
     */
    UHOP_ADAM_MANHATTAN;

    /**
     * Stage I step size of the two Adam models, chosen on the selection seeds only ({@link #SEARCH_PROTOCOL}),
     * never on the reported seeds.
     */
    public static final double ADAM_LEARNING_RATE = 0.01;

    /**
     * {@link #UHOP_ADAM} retrieves with this many times the experiment's β (β = 8 at the paper's β = 1):
     * Adam's kernel separates the memories, and the sharper softmax keeps the nearest one under noise.
     */
    public static final double ADAM_BETA_SCALE = 8;

    /** How the two Adam models were chosen, for the protocol file of every run that reports one. */
    public static final String SEARCH_PROTOCOL = "uhop-adam and uhop-adam-manhattan were chosen by the model search "
            + "(docs/results.md#model-search) on selection seeds only: 1000..1001 of fashion-mnist and 1000 of mnist-full "
            + "(memories drawn from the training images); the seeds of this run are reported, not used to choose";

    /** The report name (dense, sparse, entmax15, poly10, l2, manhattan, uhop-dense, uhop-sparse, uhop-adam, uhop-adam-manhattan). */
    public String label() {
        return Labels.of(this);
    }

    /**
     * Stage II of this model on {@code store} (U-Hop: with its learned {@code kernel}, else null): the
     * retrieved states of B queries at β, {@code steps} steps, ε = 0.
     */
    public float[] retrieve(MemoryStore store, LearnedKernel kernel, float[] queries, int B, double beta, int steps) {
        if (this == UHOP_ADAM_MANHATTAN) {
            try (FeatureDistanceRetriever r = new FeatureDistanceRetriever(kernel, store, Similarity.negativeManhattan(),
                    Separation.softmax(), beta, steps)) {
                double[] x = r.retrieve(queries, B);
                float[] out = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    out[i] = (float) x[i];
                }
                return out;
            }
        }
        try (Retriever r = stageTwo(isUHop() ? kernel.retriever(store) : Retriever.builder(store), beta, steps)) {
            return r.retrieve(queries, B).floatStates();
        }
    }

    /**
     * Stage II of a model that retrieves with a {@link Retriever} (every model but uhop-adam-manhattan,
     * which searches a feature store: {@link #retrieve}) on {@code builder} (a plain store's, or a learned
     * kernel's for U-Hop): its map and similarity, {@link #retrievalBeta(double)} of β, {@code steps} steps,
     * ε = 0. Returns the built retriever (close it).
     *
     * @throws IllegalStateException for uhop-adam-manhattan
     */
    public Retriever stageTwo(Retriever.Builder builder, double beta, int steps) {
        builder.beta(retrievalBeta(beta)).steps(steps).eps(0);
        switch (this) {
            case DENSE, UHOP_DENSE, UHOP_ADAM -> builder.map(Separation.softmax());
            case SPARSE, UHOP_SPARSE -> builder.map(Separation.sparsemax());
            case ENTMAX15 -> builder.map(Separation.entmax15());
            case POLY10 -> builder.polynomial(10);
            case L2 -> builder.map(Separation.softmax()).similarity(Similarity.negativeL2());
            case MANHATTAN -> builder.map(Separation.softmax()).similarity(Similarity.negativeManhattan());
            default -> throw new IllegalStateException(label() + " retrieves in feature space, not with a Retriever: "
                    + "use Model.retrieve");
        }
        return builder.build();
    }

    /** The β this model retrieves with in an experiment at {@code beta}: {@code beta}, but 8 times it for uhop-adam. */
    public double retrievalBeta(double beta) {
        return this == UHOP_ADAM ? beta * ADAM_BETA_SCALE : beta;
    }

    /**
     * The stage I of this U-Hop model given the experiment's ({@code experiment}: the paper's settings
     * unless the options change them).
     */
    public KernelTrainer stageOne(KernelTrainer experiment) {
        return this == UHOP_ADAM || this == UHOP_ADAM_MANHATTAN
                ? experiment.toBuilder().optimizer(KernelTrainer.Optimizer.ADAM).learningRate(ADAM_LEARNING_RATE).build()
                : experiment;
    }

    /** Whether the model learns a kernel first (U-Hop). */
    public boolean isUHop() {
        return this == UHOP_DENSE || this == UHOP_SPARSE || this == UHOP_ADAM || this == UHOP_ADAM_MANHATTAN;
    }

    /** The paper's eight models, in its order (every experiment's default; the two Adam models are asked for by name). */
    public static List<Model> paperModels() {
        return List.of(DENSE, SPARSE, ENTMAX15, POLY10, L2, MANHATTAN, UHOP_DENSE, UHOP_SPARSE);
    }

    /** The model called {@code name} (its report name, any case). */
    public static Model named(String name) {
        return Labels.named(values(), Model::label, name, "model");
    }

    /** Every report name, in order. */
    public static List<String> labels() {
        return Labels.labels(values(), Model::label);
    }

    @Override
    public String toString() {
        return label();
    }
}
