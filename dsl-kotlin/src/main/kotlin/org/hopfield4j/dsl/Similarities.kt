package org.hopfield4j.dsl

import org.hopfield4j.Similarity

/** A fixed similarity of stage II (a learned kernel is a [KernelSpec] instead). */
enum class SimilaritySpec(private val make: () -> Similarity, val label: String) {
    /** ⟨ξ, x⟩ (default). */
    DOT(Similarity::dot, "dot"),
    /** −‖ξ − x‖₂. */
    NEGATIVE_L2(Similarity::negativeL2, "l2"),
    /** −‖ξ − x‖₁. */
    NEGATIVE_MANHATTAN(Similarity::negativeManhattan, "manhattan");

    /** The Java [Similarity]. */
    fun toSimilarity(): Similarity = make()
}

/** ⟨ξ, x⟩. */
val dot get() = SimilaritySpec.DOT

/** −‖ξ − x‖₂. */
val negativeL2 get() = SimilaritySpec.NEGATIVE_L2

/** −‖ξ − x‖₁. */
val negativeManhattan get() = SimilaritySpec.NEGATIVE_MANHATTAN
