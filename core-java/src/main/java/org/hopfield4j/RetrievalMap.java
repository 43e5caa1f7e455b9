package org.hopfield4j;

import java.util.Objects;
import org.hopfield4j.internal.Check;

/**
 * The map of a retrieval step: a {@link Separation} (one α for every query) or the poly-n baseline.
 * One value instead of the map, its native code, its α and poly's degree kept side by side.
 *
 * <pre>{@code
 * RetrievalMap.of(Separation.sparsemax());
 * RetrievalMap.polynomial(10);
 * MapKind.named("entmax").retrievalMap(1.3);
 * }</pre>
 *
 * <p>Immutable.
 */
public final class RetrievalMap {
    private final Separation separation;  // null for poly-n
    private final double degree;          // NaN unless poly-n

    private RetrievalMap(Separation separation, double degree) {
        this.separation = separation;
        this.degree = degree;
    }

    /**
     * The separation map {@code map}.
     *
     * @throws IllegalArgumentException for a per-row α-entmax ({@link Separation#entmaxPerRow}), which
     *     retrieval does not support
     */
    public static RetrievalMap of(Separation map) {
        Check.notNull(map, "map");
        if (Double.isNaN(map.alpha())) {
            throw new IllegalArgumentException("map " + map.name()
                    + " has one alpha per row, which retrieval does not support: use Separation.entmax(alpha)");
        }
        return new RetrievalMap(map, Double.NaN);
    }

    /**
     * Poly-n: p_μ ∝ max(s_μ, 0)^n, normalised (all zeros when no s_μ &gt; 0); β is ignored.
     *
     * @throws IllegalArgumentException unless n is finite and &gt; 0
     */
    public static RetrievalMap polynomial(double n) {
        Check.positiveFinite("polynomial degree n", n);
        return new RetrievalMap(null, n);
    }

    /** The kind (the registry entry). */
    public MapKind kind() {
        return separation != null ? separation.kind() : MapKind.POLY;
    }

    /** The separation map, or null for poly-n. */
    public Separation separation() {
        return separation;
    }

    /** n of poly-n, or NaN for a separation map. */
    public double degree() {
        return degree;
    }

    /** α of the separation map (1, 2, 1.5 or the entmax α), or NaN for poly-n. */
    public double alpha() {
        return separation != null ? separation.alpha() : Double.NaN;
    }

    /** Whether the retrieval energy exists for this map (not for poly-n). */
    public boolean hasEnergy() {
        return kind().hasEnergy();
    }

    /** Short name: the separation map's name, or poly-n (e.g. poly-10.0). */
    public String name() {
        return separation != null ? separation.name() : "poly-" + degree;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetrievalMap m && Objects.equals(m.separation, separation)
                && Double.compare(m.degree, degree) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(separation) + Double.hashCode(degree);
    }

    @Override
    public String toString() {
        return "RetrievalMap." + name();
    }
}
