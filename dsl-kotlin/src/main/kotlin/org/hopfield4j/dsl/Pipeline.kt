package org.hopfield4j.dsl

import org.hopfield4j.LearnedKernel
import org.hopfield4j.MemoryStore
import org.hopfield4j.Retriever

/**
 * A two-stage pipeline: stage I gives a kernel ([IdentityKernel] for none), stage II retrieves with
 * [map], [beta], at most [steps] steps and tolerance [eps], using [similarity] when there is no kernel.
 */
data class PipelineSpec(
    val name: String,
    val kernel: KernelSpec = IdentityKernel,
    val map: MapSpec = softmax,
    val beta: Beta = Beta.DEFAULT,
    val steps: Int = 1,
    val eps: Double = 0.0,
    val similarity: SimilaritySpec = dot,
) {
    init {
        require(steps >= 0) { "steps must be >= 0, got $steps" }
        require(eps >= 0 && eps.isFinite()) { "eps must be finite and >= 0, got $eps" }
        require(kernel == IdentityKernel || similarity == dot) {
            "pipeline '$name': a kernel replaces the similarity; use similarity = dot with ${kernel.label}"
        }
    }

    /** Runs stage I on [store] and configures stage II (the Java builder; build and close it). */
    fun retrieverBuilder(store: MemoryStore, kernel: LearnedKernel? = this.kernel.kernelFor(store)): Retriever.Builder {
        val b = kernel?.retriever(store) ?: Retriever.builder(store).similarity(similarity.toSimilarity())
        return map.applyTo(b).beta(beta.value).steps(steps).eps(eps)
    }

    /** Runs stage I on [store] and builds the stage II [Retriever] (close it). */
    fun retriever(store: MemoryStore): Retriever = retrieverBuilder(store).build()
}

/** Builds a [PipelineSpec]. */
@HopfieldDsl
class PipelineBuilder internal constructor(private val name: String) {
    private var kernel: KernelSpec = IdentityKernel
    private var stageTwo = StageTwoBuilder()

    /** Stage I: the kernel (identity unless declared). */
    fun stageOne(block: KernelScope.() -> Unit) {
        kernel = KernelScope().apply(block).spec
    }

    /** Stage II: map, β, steps, ε, similarity. */
    fun stageTwo(block: StageTwoBuilder.() -> Unit) {
        stageTwo.apply(block)
    }

    internal fun build() = PipelineSpec(name, kernel, stageTwo.map, stageTwo.beta, stageTwo.steps, stageTwo.eps, stageTwo.similarity)
}

/** Stage II settings (defaults: softmax, β = 1, one step, ε = 0, dot similarity). */
@HopfieldDsl
class StageTwoBuilder internal constructor() {
    /** The separation map (default softmax). */
    var map: MapSpec = softmax
    /** β (default 1). */
    var beta: Beta = Beta.DEFAULT
    /** Maximum number of update steps T ≥ 0 (default 1). */
    var steps: Int = 1
    /** Tolerance ε ≥ 0 on ‖x_{t+1} − x_t‖ (default 0). */
    var eps: Double = 0.0
    /** The similarity when stage I has no kernel (default dot). */
    var similarity: SimilaritySpec = dot
}

/** A pipeline spec named [name]. */
fun pipeline(name: String, block: PipelineBuilder.() -> Unit): PipelineSpec = PipelineBuilder(name).apply(block).build()
