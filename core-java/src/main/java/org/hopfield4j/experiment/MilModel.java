package org.hopfield4j.experiment;

import java.util.List;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.Separation;
import org.hopfield4j.internal.Labels;
import org.hopfield4j.nn.HopfieldBuilder;

/**
 * The pooling layers the multiple-instance experiment compares (docs/results.md#mil): the same network
 * around a {@link org.hopfield4j.nn.HopfieldPooling} whose separation map and similarity differ.
 */
public enum MilModel {
    /** Softmax pooling (Ramsauer et al. 2020's HopfieldPooling). */
    DENSE,
    /** Sparsemax pooling (the sparse paper's SparseHopfieldPooling). */
    SPARSE,
    /** 1.5-entmax pooling. */
    ENTMAX15,
    /** α-entmax pooling with α learned per head, starting at 1.5. */
    ENTMAX_LEARNED,
    /** Softmax pooling on the learned-kernel similarity, W trained by U-Hop's Algorithm 2 (stage I before each step). */
    UHOP_DENSE,
    /** Sparsemax pooling on the learned-kernel similarity, W trained by U-Hop's Algorithm 2. */
    UHOP_SPARSE;

    /** Where learned α starts (the middle of (1, 2]). */
    static final double INITIAL_ALPHA = 1.5;

    /** The report name (dense, sparse, entmax15, entmax-learned, uhop-dense, uhop-sparse). */
    public String label() {
        return Labels.of(this);
    }

    /** Sets this model's map (and for U-Hop the kernel of {@code kernelDim} rows and its stage I) on {@code pooling}. */
    HopfieldBuilder configure(HopfieldBuilder pooling, int kernelDim, KernelTrainer stageOne) {
        switch (this) {
            case DENSE, UHOP_DENSE -> pooling.separation(Separation.softmax());
            case SPARSE, UHOP_SPARSE -> pooling.separation(Separation.sparsemax());
            case ENTMAX15 -> pooling.separation(Separation.entmax15());
            case ENTMAX_LEARNED -> pooling.learnedAlpha(INITIAL_ALPHA);
            default -> throw new IllegalStateException("model " + this);
        }
        return isUHop() ? pooling.kernel(kernelDim).uhop(stageOne) : pooling;
    }

    /** Whether the similarity is a kernel trained by U-Hop's stage I. */
    public boolean isUHop() {
        return this == UHOP_DENSE || this == UHOP_SPARSE;
    }

    /** The model called {@code name} (its report name, any case). */
    public static MilModel named(String name) {
        return Labels.named(values(), MilModel::label, name, "MIL model");
    }

    /** Every report name, in order. */
    public static List<String> labels() {
        return Labels.labels(values(), MilModel::label);
    }

    @Override
    public String toString() {
        return label();
    }
}
