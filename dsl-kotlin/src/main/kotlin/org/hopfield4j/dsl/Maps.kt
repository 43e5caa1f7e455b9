package org.hopfield4j.dsl

import org.hopfield4j.Retriever
import org.hopfield4j.Separation

/**
 * The separation map of stage II. Only [Entmax] takes an α, and only [Polynomial] a degree, so
 * `sparsemax(alpha = ...)` does not compile.
 */
sealed interface MapSpec {
    /** Configures [builder] with this map (through [Retriever.Builder.map] or `polynomial`). */
    fun applyTo(builder: Retriever.Builder): Retriever.Builder

    /** A short label for result tables. */
    val label: String
}

/** A map that is a [Separation] (has an energy): softmax, sparsemax, α-entmax. */
sealed class SeparationMap(private val separation: () -> Separation, override val label: String) : MapSpec {
    /** The Java [Separation]. */
    fun toSeparation(): Separation = separation()
    override fun applyTo(builder: Retriever.Builder): Retriever.Builder = builder.map(toSeparation())
    override fun toString() = label
}

/** Softmax (dense modern Hopfield model). */
data object Softmax : SeparationMap(Separation::softmax, "softmax")

/** Sparsemax (sparse modern Hopfield model). */
data object Sparsemax : SeparationMap(Separation::sparsemax, "sparsemax")

/** α-entmax; α = 1.5 uses the exact 1.5-entmax. */
class Entmax(val alpha: Alpha) : SeparationMap(
    { if (alpha.value == 1.5) Separation.entmax15() else Separation.entmax(alpha.value) },
    "entmax(${alpha.value})",
) {
    override fun equals(other: Any?) = other is Entmax && other.alpha == alpha
    override fun hashCode() = alpha.hashCode()
}

/** The poly-n baseline, p ∝ max(s, 0)^n normalised (β is ignored). */
data class Polynomial(val degree: Double) : MapSpec {
    init {
        require(degree > 0 && degree.isFinite()) { "polynomial degree must be finite and > 0, got $degree" }
    }

    override val label get() = "poly${if (degree % 1.0 == 0.0) degree.toInt().toString() else degree.toString()}"
    override fun applyTo(builder: Retriever.Builder): Retriever.Builder = builder.polynomial(degree)
}

/** Softmax. */
val softmax: SeparationMap get() = Softmax

/** Sparsemax. */
val sparsemax: SeparationMap get() = Sparsemax

/** 1.5-entmax. */
val entmax15: SeparationMap get() = Entmax(Alpha(1.5))

/** α-entmax. */
fun entmax(alpha: Alpha): SeparationMap = Entmax(alpha)

/** The poly-[n] baseline. */
fun poly(n: Number): MapSpec = Polynomial(n.toDouble())
