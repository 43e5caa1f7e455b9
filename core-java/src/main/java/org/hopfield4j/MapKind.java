package org.hopfield4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of maps: every separation map and the poly-n baseline, each with everything that
 * belongs to it — its code in the native public header ({@code MapKind} of
 * {@code hopfield4j_kinds.h}, checked by a test), its fixed α (or that it takes one), whether it has
 * an energy, and its one name on the command line and in the DSL with the aliases accepted when
 * parsing.
 *
 * <p>To add a map: one constant here, its kernel header and one line in {@code hopfield4j_kinds.h},
 * its float64 reference in {@link org.hopfield4j.reference.ReferenceSeparation}, and a DSL word.
 * The CLI and {@link #named(String)} know it from this constant.
 */
public enum MapKind implements RegisteredKind {
    /** Softmax (α = 1), the dense map of the classical modern Hopfield network. */
    SOFTMAX(0, "softmax", Parameter.NONE, 1.0),
    /** Sparsemax (α = 2), the Euclidean projection onto the simplex. */
    SPARSEMAX(1, "sparsemax", Parameter.NONE, 2.0),
    /** 1.5-entmax by its exact closed form. */
    ENTMAX15(2, "entmax15", Parameter.NONE, 1.5, "entmax1.5"),
    /** α-entmax for a given α &gt; 1 (root finder). */
    ENTMAX(3, "entmax", Parameter.ALPHA, Double.NaN),
    /**
     * α-normmax for a given α &gt; 1: argmax over the simplex of ⟨z, p⟩ − ‖p‖_α, as {@code normmax_bisect}
     * of deep-spin/entmax; a Hopfield map in Santos et al. 2024 (α = 2 is their usual choice). Sparse; its
     * energy uses Ψ*(z) = τ + 1, the conjugate of Ω(p) = ‖p‖_α − 1.
     */
    NORMMAX(5, "normmax", Parameter.ALPHA, Double.NaN),
    /** The poly-n baseline p ∝ max(s, 0)^n normalised: a retrieval map, not a separation map (no energy). */
    POLY(4, "poly", Parameter.DEGREE, Double.NaN, "polynomial");

    /** What the one number a map may take means. */
    public enum Parameter {
        /** The map takes no number. */
        NONE,
        /** α of α-entmax or α-normmax, finite and &gt; 1. */
        ALPHA,
        /** n of poly-n, finite and &gt; 0. */
        DEGREE
    }

    private final Names names;
    private final Parameter parameter;
    private final double fixedAlpha;

    MapKind(int nativeCode, String label, Parameter parameter, double fixedAlpha, String... aliases) {
        this.names = Names.of(nativeCode, label, aliases);
        this.parameter = parameter;
        this.fixedAlpha = fixedAlpha;
    }

    /** Its value in the native {@code MapKind} enum, its name and the aliases {@link #named(String)} accepts. */
    @Override
    public Names names() {
        return names;
    }

    /** The number this map takes, if any. */
    public Parameter parameter() {
        return parameter;
    }

    /** The α this map always has (1, 2, 1.5), or NaN when it takes one ({@link #ENTMAX}) or is not an entmax ({@link #POLY}). */
    public double fixedAlpha() {
        return fixedAlpha;
    }

    /** Whether every entry of its output is positive (no exact zeros): softmax; its weights are stored dense. */
    public boolean isDense() {
        return this == SOFTMAX;
    }

    /** Whether this is a separation map (a {@link Separation}); false only for {@link #POLY}. */
    public boolean isSeparation() {
        return this != POLY;
    }

    /** Whether the retrieval energy exists for this map (every separation map; not poly-n). */
    public boolean hasEnergy() {
        return isSeparation();
    }

    /**
     * The separation map of this kind; {@code alpha} is used by the kinds that take one (the others ignore it).
     *
     * @throws IllegalArgumentException for {@link #POLY}, or an invalid α with {@link #ENTMAX}
     */
    public Separation separation(double alpha) {
        if (!isSeparation()) {
            throw new IllegalArgumentException(label() + " is not a separation map: use one of "
                    + String.join(", ", labels(true)));
        }
        return Separation.of(this, parameter == Parameter.ALPHA ? alpha : fixedAlpha);
    }

    /**
     * The retrieval map of this kind with its number: α for {@link #ENTMAX}, n for {@link #POLY},
     * ignored by the others.
     *
     * @throws IllegalArgumentException if the number is invalid for this map
     */
    public RetrievalMap retrievalMap(double parameter) {
        return this == POLY ? RetrievalMap.polynomial(parameter) : RetrievalMap.of(separation(parameter));
    }

    /**
     * The map called {@code name} (its label or an alias, case-insensitive), poly included.
     *
     * @throws IllegalArgumentException for any other name, listing the accepted ones
     */
    public static MapKind named(String name) {
        return parse(name, false);
    }

    /**
     * The separation map kind called {@code name} (not poly).
     *
     * @throws IllegalArgumentException for any other name, listing the accepted ones
     */
    public static MapKind separationNamed(String name) {
        return parse(name, true);
    }

    private static MapKind parse(String name, boolean separationOnly) {
        List<MapKind> candidates = new ArrayList<>();
        for (MapKind k : values()) {
            if (!separationOnly || k.isSeparation()) candidates.add(k);
        }
        return RegisteredKind.parse(separationOnly ? "separation map" : "map", name, candidates);
    }

    /** The labels, in order (without poly when {@code separationOnly}). */
    public static List<String> labels(boolean separationOnly) {
        List<String> out = new ArrayList<>();
        for (MapKind k : values()) {
            if (!separationOnly || k.isSeparation()) out.add(k.label());
        }
        return out;
    }
}
