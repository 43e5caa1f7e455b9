package org.hopfield4j.dsl

import org.hopfield4j.Similarity

/** A fixed similarity of stage II, an entry of the registry [Similarity.Kind] (a learned kernel is a [KernelSpec] instead). */
class SimilaritySpec internal constructor(private val similarity: Similarity) {
    /** The Java [Similarity]. */
    fun toSimilarity(): Similarity = similarity

    /** The registry's name: dot, l2, manhattan. */
    val label: String get() = similarity.name()

    override fun equals(other: Any?) = other is SimilaritySpec && other.similarity == similarity
    override fun hashCode() = similarity.hashCode()
    override fun toString() = label
}

/** The similarity called [name] in the registry ([Similarity.named]: dot, l2, manhattan or its alias l1). */
fun similarity(name: String): SimilaritySpec = SimilaritySpec(Similarity.named(name))

/** ⟨ξ, x⟩. */
val dot get() = SimilaritySpec(Similarity.dot())

/** −‖ξ − x‖₂. */
val negativeL2 get() = SimilaritySpec(Similarity.negativeL2())

/** −‖ξ − x‖₁. */
val negativeManhattan get() = SimilaritySpec(Similarity.negativeManhattan())
