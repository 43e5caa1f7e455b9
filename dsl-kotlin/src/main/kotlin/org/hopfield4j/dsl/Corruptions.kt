package org.hopfield4j.dsl

import org.hopfield4j.data.Corruption
import org.hopfield4j.experiment.MemoryRetrievalExperiment

/** How queries are made from the memories (through [Corruption]). */
sealed interface CorruptionSpec {
    /** Corrupted copies of the [count] × [dimension] rows [x]. */
    fun apply(x: FloatArray, count: Int, dimension: Int, seed: Long): FloatArray

    /** A short label for result tables. */
    val label: String

    /** This corruption as the Java protocol's [MemoryRetrievalExperiment.Corruptor]. */
    fun toCorruptor() = MemoryRetrievalExperiment.Corruptor { x, count, dimension, seed -> apply(x, count, dimension, seed) }
}

/** Queries are the memories themselves. */
data object NoCorruption : CorruptionSpec {
    override fun apply(x: FloatArray, count: Int, dimension: Int, seed: Long) = x.copyOf()
    override val label get() = "none"
}

/** Each pixel zeroed with probability [p]; kept ones unchanged (ZERO) or scaled (DROPOUT). */
data class Masking(
    val p: MaskProbability = MaskProbability.DEFAULT,
    val mode: Corruption.Masking = Corruption.Masking.ZERO,
) : CorruptionSpec {
    override fun apply(x: FloatArray, count: Int, dimension: Int, seed: Long): FloatArray =
        Corruption.mask(x, count, dimension, p.value, mode, seed)
    override val label get() = "mask(${p.value}, ${mode.label()})"
}

/** Gaussian noise of norm [sigma] per query, then clamped to [0, 1]. */
data class GaussianNoise(val sigma: NoiseNorm) : CorruptionSpec {
    override fun apply(x: FloatArray, count: Int, dimension: Int, seed: Long): FloatArray =
        Corruption.noise(x, count, dimension, sigma.value, seed)
    override val label get() = "noise(${sigma.value})"
}

/** Masking with probability [p] (default the paper's 0.5). */
fun masking(p: Double = Corruption.PAPER_MASK_PROBABILITY, mode: Corruption.Masking = Corruption.Masking.ZERO) =
    Masking(MaskProbability(p), mode)

/** Gaussian noise of norm [sigma]. */
fun noise(sigma: NoiseNorm) = GaussianNoise(sigma)

/** Gaussian noise of norm [sigma]. */
fun noise(sigma: Double) = GaussianNoise(NoiseNorm(sigma))
