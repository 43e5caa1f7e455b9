package org.hopfield4j.dsl

import org.hopfield4j.KernelTrainer
import org.hopfield4j.data.ImageSet
import org.hopfield4j.experiment.MemoryRetrievalExperiment
import org.hopfield4j.experiment.Model
import org.hopfield4j.experiment.ProtocolSweep
import org.hopfield4j.experiment.SweepSummary

/**
 * The paper's protocol, as the `experiment` commands run it: the Java [ProtocolSweep] over the eight
 * paper [Model]s (or some), with the seeds, the draws, the corruption and the kernel seed derived as
 * there, so that a script and a command with the same arguments write the same rows. This file only
 * gives it Kotlin syntax; the protocol itself lives once, in core-java.
 */
@HopfieldDsl
class ProtocolBuilder internal constructor() {
    /** The models (default: the eight of the paper, in its order), by [Model] or by report name. */
    var models: List<Model> = Model.paperModels()
    /** β of stage II (default 1). */
    var beta: Beta = Beta.DEFAULT
    /** Retrieval steps (default 1). */
    var steps: Int = 1
    /** The first seed (default 0); runs use seeds first, first + 1, ... */
    var firstSeed: Long = 0
    /** The number of seeds (default 1). */
    var seeds: Int = 1
    /** Told after each model of each run what was done (say "M 10 seed 0 dense"); default: nothing. */
    var progress: ((String) -> Unit)? = null
    private var trainer: KernelTrainer = KernelTrainer.builder().build()

    /** The models by report name: `models("dense", "uhop-sparse")`. */
    fun models(vararg names: String) {
        models = names.map(Model::named)
    }

    /** U-Hop's stage I (default: the paper's); each run replaces the seed with its own. */
    fun uhop(block: LearnedKernelBuilder.() -> Unit) {
        trainer = LearnedKernelBuilder().apply(block).build().trainer
    }

    internal fun build(data: ImageSet): ProtocolSweep {
        val experiment = MemoryRetrievalExperiment.builder().models(models).beta(beta.value).steps(steps).trainer(trainer).build()
        return ProtocolSweep(experiment, data, firstSeed, seeds, progress?.let { p -> java.util.function.Consumer<String> { p(it) } })
    }
}

/** The paper's protocol on [data]; run one of its sweeps: [ProtocolSweep.capacity], [ProtocolSweep.noise], [ProtocolSweep.epochs]. */
fun paperProtocol(data: ImageSet, block: ProtocolBuilder.() -> Unit = {}): ProtocolSweep = ProtocolBuilder().apply(block).build(data)

/** The capacity sweep over [sizes] with the queries of [queries] (default: the paper's masking). */
fun ProtocolSweep.capacity(sizes: IntArray, queries: CorruptionSpec = masking()): SweepSummary =
    capacity(sizes.toList(), queries.toCorruptor())

/** The noise sweep at memory size [size] over the noise norms [sigmas]. */
fun ProtocolSweep.noise(size: Int, sigmas: DoubleArray): SweepSummary = noise(size, sigmas.toList())

/** The epochs sweep at memory size [size] over [epochs], with the queries of [queries] (default: the paper's masking). */
fun ProtocolSweep.epochs(size: Int, epochs: IntArray, queries: CorruptionSpec = masking()): SweepSummary =
    epochs(size, epochs.toList(), queries.toCorruptor())

/**
 * The summary as [SeedSummary] rows (metric `sse`, and `loss` for the epochs sweep) for [table] and
 * [forEachPoint]; its CSV is `table().csv()`, the commands' file digit for digit.
 */
fun SweepSummary.overSeeds(): List<SeedSummary> = points().flatMap { p ->
    val error = SeedSummary(p.model().label(), p.at(), "sse", p.mean(), p.std(), p.seeds())
    if (hasLoss()) listOf(error, SeedSummary(p.model().label(), p.at(), "loss", p.lossMean(), p.lossStd(), p.seeds()))
    else listOf(error)
}
