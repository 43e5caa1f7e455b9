package org.hopfield4j.dsl

import org.hopfield4j.internal.Check

// Every value type validates with the Java library's own rule (internal/Check), so a spec that the
// library would reject fails when it is built, with the library's message, not when it runs.

/** Inverse temperature β of stage II retrieval: finite and > 0 (paper default 1). */
@JvmInline
value class Beta(val value: Double) {
    init { Check.beta(value) }
    override fun toString() = "β=$value"
    /** [DEFAULT] is the paper's β = 1. */
    companion object { val DEFAULT = Beta(1.0) }
}

/** α of α-entmax: finite and > 1 (1.5 = entmax-1.5, 2 = sparsemax; for α = 1 use softmax). */
@JvmInline
value class Alpha(val value: Double) {
    init { Check.alpha(value, "α (alpha) of entmax") }
    override fun toString() = "α=$value"
}

/** t of the separation loss (stage I): finite and > 0 (paper default 2). */
@JvmInline
value class Temperature(val value: Double) {
    init { Check.positiveFinite("temperature t", value) }
    override fun toString() = "t=$value"
}

/** Learning rate γ of stage I: finite and > 0 (paper default 1). */
@JvmInline
value class LearningRate(val value: Double) {
    init { Check.positiveFinite("learning rate", value) }
    override fun toString() = "γ=$value"
}

/** Norm σ of the Gaussian noise added to a query: finite and ≥ 0. */
@JvmInline
value class NoiseNorm(val value: Double) {
    init { Check.nonNegativeFinite("noise norm sigma", value) }
    override fun toString() = "σ=$value"
}

/** Probability that a pixel is masked: in [0, 1) (paper default 0.5). */
@JvmInline
value class MaskProbability(val value: Double) {
    init { Check.halfOpenUnit("mask probability", value) }
    override fun toString() = "p=$value"
    /** [DEFAULT] is the paper's p = 0.5. */
    companion object { val DEFAULT = MaskProbability(0.5) }
}

/** `1.0.beta` reads as β = 1. */
val Number.beta: Beta get() = Beta(toDouble())

/** `1.5.alpha` reads as α = 1.5. */
val Number.alpha: Alpha get() = Alpha(toDouble())

/** `2.t` reads as the separation-loss temperature t = 2. */
val Number.t: Temperature get() = Temperature(toDouble())

/** `0.1.lr` reads as the learning rate γ = 0.1. */
val Number.lr: LearningRate get() = LearningRate(toDouble())

/** `0.5.sigma` reads as noise of norm σ = 0.5. */
val Number.sigma: NoiseNorm get() = NoiseNorm(toDouble())
