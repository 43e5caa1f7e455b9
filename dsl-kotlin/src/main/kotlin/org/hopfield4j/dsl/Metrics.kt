package org.hopfield4j.dsl

import org.hopfield4j.LearnedKernel
import org.hopfield4j.data.Corruption
import org.hopfield4j.internal.Check

/**
 * What one pipeline's run came to: the per-query squared [errors] of [Corruption.squaredErrors],
 * and the [kernel] its stage I learned or loaded (null for none).
 */
class PipelineRun(val errors: DoubleArray, val kernel: LearnedKernel?)

/** A score of one pipeline's run. */
sealed interface Metric {
    /** Column name in the result table. */
    val name: String

    /** The score of [run]. */
    fun score(run: PipelineRun): Double

    /** The per-query errors of [retrieved] against [originals] (clamped to [0, 1], as in the paper). */
    companion object {
        fun errors(originals: FloatArray, retrieved: FloatArray, count: Int, dimension: Int): DoubleArray =
            Corruption.squaredErrors(originals, retrieved, count, dimension)
    }
}

/** Mean over queries of the sum of squared errors (the paper's retrieval error). */
data object SumOfSquaredErrors : Metric {
    override val name get() = "sse"
    override fun score(run: PipelineRun) = run.errors.average()
}

/** Fraction of queries retrieved with squared error ≤ [threshold]. */
data class SuccessRate(val threshold: Double = 1e-3) : Metric {
    init {
        Check.nonNegativeFinite("success threshold", threshold)
    }

    override val name get() = "success"
    override fun score(run: PipelineRun) = run.errors.count { it <= threshold }.toDouble() / run.errors.size
}

/**
 * The separation loss of the learned kernel after its last epoch (before the row normalisation, as
 * [LearnedKernel.lossHistory] records it); NaN for a pipeline that learned no kernel.
 */
data object FinalSeparationLoss : Metric {
    override val name get() = "loss"
    override fun score(run: PipelineRun) = run.kernel?.lossHistory()?.lastOrNull() ?: Double.NaN
}

/** Mean sum of squared errors. */
val sse: Metric get() = SumOfSquaredErrors

/** Success rate with error ≤ [threshold]. */
fun successRate(threshold: Double = 1e-3): Metric = SuccessRate(threshold)

/** U-Hop's separation loss after stage I (NaN without a learned kernel). */
val separationLoss: Metric get() = FinalSeparationLoss
