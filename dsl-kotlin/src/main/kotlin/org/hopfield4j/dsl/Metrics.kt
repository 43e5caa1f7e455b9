package org.hopfield4j.dsl

import org.hopfield4j.data.Corruption

/** A score of one retrieval run, from the per-query errors of [Corruption.squaredErrors]. */
sealed interface Metric {
    /** Column name in the result table. */
    val name: String

    /** The score of queries whose squared errors are [errors]. */
    fun score(errors: DoubleArray): Double

    /** The per-query errors of [retrieved] against [originals] (clamped to [0, 1], as in the paper). */
    companion object {
        fun errors(originals: FloatArray, retrieved: FloatArray, count: Int, dimension: Int): DoubleArray =
            Corruption.squaredErrors(originals, retrieved, count, dimension)
    }
}

/** Mean over queries of the sum of squared errors (the paper's retrieval error). */
data object SumOfSquaredErrors : Metric {
    override val name get() = "sse"
    override fun score(errors: DoubleArray) = errors.average()
}

/** Fraction of queries retrieved with squared error ≤ [threshold]. */
data class SuccessRate(val threshold: Double = 1e-3) : Metric {
    init {
        require(threshold >= 0 && threshold.isFinite()) { "success threshold must be finite and >= 0, got $threshold" }
    }

    override val name get() = "success"
    override fun score(errors: DoubleArray) = errors.count { it <= threshold }.toDouble() / errors.size
}

/** Mean sum of squared errors. */
val sse: Metric get() = SumOfSquaredErrors

/** Success rate with error ≤ [threshold]. */
fun successRate(threshold: Double = 1e-3): Metric = SuccessRate(threshold)
