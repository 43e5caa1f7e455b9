package org.hopfield4j.dsl

import org.hopfield4j.MemoryStore

/**
 * A retrieval experiment declared in one place: the [memories], the [corruption] that turns them
 * into queries, the [pipelines] compared and the [metrics] scored. Immutable; [run] executes it.
 */
data class ExperimentSpec(
    val memories: StoreSpec,
    val corruption: CorruptionSpec,
    val pipelines: List<PipelineSpec>,
    val metrics: List<Metric>,
    val seed: Long,
) {
    init {
        require(pipelines.isNotEmpty()) { "an experiment needs at least one pipeline" }
        require(metrics.isNotEmpty()) { "an experiment needs at least one metric" }
        val dup = pipelines.groupBy { it.name }.filterValues { it.size > 1 }.keys
        require(dup.isEmpty()) { "pipeline names must be distinct, repeated: ${dup.joinToString()}" }
    }

    /**
     * Runs every pipeline on the corrupted memories: one [ResultRow] per pipeline and metric.
     * Pipelines with equal stage I share one kernel, trained (or loaded) once per run.
     */
    fun run(parameters: Map<String, Any> = emptyMap()): List<ResultRow> {
        val data = memories.load()
        val m = data.count()
        val d = data.dimension()
        val originals = data.pixels()
        val queries = corruption.apply(originals, m, d, seed)
        return MemoryStore.ofFloat(originals, m, d).use { store ->
            // pipelines with equal stage I (say U-Hop with softmax and with sparsemax) share one kernel:
            // it depends only on the memories and its seeded settings, so training it twice is wasted time
            val kernels = pipelines.map { it.kernel }.distinct().associateWith { it.kernelFor(store) }
            pipelines.flatMap { p ->
                val kernel = kernels.getValue(p.kernel)
                val retrieved = p.retrieverBuilder(store, kernel).build().use { it.retrieve(queries, m).floatStates() }
                val run = PipelineRun(Metric.errors(originals, retrieved, m, d), kernel)
                metrics.map { metric ->
                    ResultRow(p.name, m, corruption.label, seed, metric.name, metric.score(run), parameters)
                }
            }
        }
    }
}

/** Builds an [ExperimentSpec]. */
@HopfieldDsl
class ExperimentBuilder internal constructor() {
    private var store: StoreSpec? = null
    private val pipelines = mutableListOf<PipelineSpec>()
    private val metrics = mutableListOf<Metric>()

    /** How queries are made (default: the paper's masking, p = 0.5). */
    var queries: CorruptionSpec = masking()

    /** Seed of the query corruption (default 0). */
    var seed: Long = 0

    /** The memories. */
    fun memories(block: StoreBuilder.() -> Unit) {
        store = StoreBuilder().apply(block).build()
    }

    /** The memories, declared elsewhere. */
    fun memories(spec: StoreSpec) {
        store = spec
    }

    /** Adds a pipeline named [name]. */
    fun pipeline(name: String, block: PipelineBuilder.() -> Unit) {
        pipelines += PipelineBuilder(name).apply(block).build()
    }

    /** Adds a pipeline declared elsewhere. */
    fun pipeline(spec: PipelineSpec) {
        pipelines += spec
    }

    /** The metrics (default: mean sum of squared errors). */
    fun metrics(vararg metric: Metric) {
        metrics += metric
    }

    internal fun build() = ExperimentSpec(
        checkNotNull(store) { "no memories: declare memories { ... }" },
        queries, pipelines.toList(), metrics.ifEmpty { listOf(SumOfSquaredErrors) }.toList(), seed,
    )
}

/** An experiment spec; call [ExperimentSpec.run] to execute it. */
fun experiment(block: ExperimentBuilder.() -> Unit): ExperimentSpec = ExperimentBuilder().apply(block).build()
