package org.hopfield4j.dsl

/** Inverse temperature β of stage II retrieval: finite and > 0 (paper default 1). */
@JvmInline
value class Beta(val value: Double) {
    init {
        require(value > 0 && value.isFinite()) { "beta must be finite and > 0, got $value" }
    }

    override fun toString() = "β=$value"

    companion object {
        /** The paper's β = 1. */
        val DEFAULT = Beta(1.0)
    }
}

/** α of α-entmax: finite and ≥ 1 (1 = softmax, 1.5 = entmax-1.5, 2 = sparsemax). */
@JvmInline
value class Alpha(val value: Double) {
    init {
        require(value >= 1 && value.isFinite()) { "alpha must be finite and >= 1, got $value" }
    }

    override fun toString() = "α=$value"
}

/** t of the separation loss (stage I): finite and > 0 (paper default 2). */
@JvmInline
value class Temperature(val value: Double) {
    init {
        require(value > 0 && value.isFinite()) { "temperature t must be finite and > 0, got $value" }
    }

    override fun toString() = "t=$value"

    companion object {
        /** The paper's t = 2. */
        val DEFAULT = Temperature(2.0)
    }
}

/** Learning rate γ of stage I: finite and > 0 (paper default 1). */
@JvmInline
value class LearningRate(val value: Double) {
    init {
        require(value > 0 && value.isFinite()) { "learning rate must be finite and > 0, got $value" }
    }

    override fun toString() = "γ=$value"

    companion object {
        /** The paper's γ = 1. */
        val DEFAULT = LearningRate(1.0)
    }
}

/** Norm σ of the Gaussian noise added to a query: finite and ≥ 0. */
@JvmInline
value class NoiseNorm(val value: Double) {
    init {
        require(value >= 0 && value.isFinite()) { "noise norm sigma must be finite and >= 0, got $value" }
    }

    override fun toString() = "σ=$value"
}

/** Probability that a pixel is masked: in [0, 1) (paper default 0.5). */
@JvmInline
value class MaskProbability(val value: Double) {
    init {
        require(value >= 0 && value < 1) { "mask probability must be in [0, 1), got $value" }
    }

    override fun toString() = "p=$value"

    companion object {
        /** The paper's p = 0.5. */
        val DEFAULT = MaskProbability(0.5)
    }
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
