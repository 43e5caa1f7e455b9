package org.hopfield4j.dsl

import org.hopfield4j.MapKind
import org.hopfield4j.RetrievalMap
import org.hopfield4j.Retriever
import org.hopfield4j.Separation

/**
 * The map of stage II: an entry of the registry [MapKind] with its number (α of entmax, n of poly),
 * checked when the spec is built (`entmax(1.alpha)` fails here, naming α). The words below cover
 * the maps; [map] reaches any map of the registry by its name.
 */
class MapSpec internal constructor(val retrievalMap: RetrievalMap) {
    /** The registry entry. */
    val kind: MapKind get() = retrievalMap.kind()

    /** Configures [builder] with this map. */
    fun applyTo(builder: Retriever.Builder): Retriever.Builder = builder.retrievalMap(retrievalMap)

    /** The Java [Separation], or null for poly-n. */
    fun toSeparation(): Separation? = retrievalMap.separation()

    /** A short label for result tables: the separation map's name (softmax, entmax(1.3), ...) or poly<n>. */
    val label: String
        get() = retrievalMap.separation()?.name()
            ?: "poly${retrievalMap.degree().let { if (it % 1.0 == 0.0) it.toLong().toString() else it.toString() }}"

    override fun equals(other: Any?) = other is MapSpec && other.retrievalMap == retrievalMap
    override fun hashCode() = retrievalMap.hashCode()
    override fun toString() = label
}

/**
 * The map called [name] in the registry ([MapKind.named]: its label or an alias, case-insensitive);
 * [parameter] is α for entmax and n for poly, ignored by the others.
 */
fun map(name: String, parameter: Number = Double.NaN): MapSpec =
    MapSpec(MapKind.named(name).retrievalMap(parameter.toDouble()))

/** Softmax (dense modern Hopfield model). */
val softmax: MapSpec get() = MapSpec(MapKind.SOFTMAX.retrievalMap(Double.NaN))

/** Sparsemax (sparse modern Hopfield model). */
val sparsemax: MapSpec get() = MapSpec(MapKind.SPARSEMAX.retrievalMap(Double.NaN))

/** 1.5-entmax (exact). */
val entmax15: MapSpec get() = MapSpec(MapKind.ENTMAX15.retrievalMap(Double.NaN))

/** α-entmax; α = 1.5 uses the exact 1.5-entmax. */
fun entmax(alpha: Alpha): MapSpec = if (alpha.value == 1.5) entmax15 else MapSpec(MapKind.ENTMAX.retrievalMap(alpha.value))

/** α-normmax (deep-spin's normmax_bisect; Santos et al. 2024): argmax of ⟨z, p⟩ − ‖p‖_α over the simplex. */
fun normmax(alpha: Alpha): MapSpec = MapSpec(MapKind.NORMMAX.retrievalMap(alpha.value))

/** The poly-[n] baseline, p ∝ max(s, 0)^n normalised (β is ignored). */
fun poly(n: Number): MapSpec = MapSpec(MapKind.POLY.retrievalMap(n.toDouble()))
