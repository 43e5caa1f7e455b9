package org.hopfield4j.dsl

import org.hopfield4j.KernelTrainer
import org.hopfield4j.LearnedKernel
import org.hopfield4j.MemoryStore
import org.hopfield4j.SeparationLoss
import java.nio.file.Path

/** Stage I: where the kernel K(u, v) = ⟨W u, W v⟩ of retrieval comes from. */
sealed interface KernelSpec {
    /** The learned kernel for [store], or null for the identity (no kernel: a plain similarity). */
    fun kernelFor(store: MemoryStore): LearnedKernel?

    /** A short label for result tables. */
    val label: String
}

/** No kernel: retrieval uses the stage II similarity directly. */
data object IdentityKernel : KernelSpec {
    override fun kernelFor(store: MemoryStore): LearnedKernel? = null
    override val label get() = "identity"
}

/** A kernel saved earlier by [LearnedKernel.save] (or `hopfield4j learn-kernel`). */
data class LoadedKernel(val path: Path) : KernelSpec {
    override fun kernelFor(store: MemoryStore): LearnedKernel = LearnedKernel.load(path)
    override val label get() = "loaded(${path.fileName})"
}

/** U-Hop stage I: a kernel learned on the store by minimising the separation loss. */
data class LearnedKernelSpec(
    val loss: SeparationLoss = SeparationLoss.AVG,
    val t: Temperature = Temperature.DEFAULT,
    val epochs: Int = KernelTrainer.DEFAULT_EPOCHS,
    val learningRate: LearningRate = LearningRate.DEFAULT,
    val schedule: KernelTrainer.Schedule = KernelTrainer.Schedule.CONSTANT,
    val optimizer: KernelTrainer.Optimizer = KernelTrainer.Optimizer.SGD,
    val seed: Long = 0,
    val normalizeFeatures: Boolean = true,
    val normalizeRows: Boolean = true,
    val firstHalf: Boolean = false,
) : KernelSpec {
    init {
        require(epochs >= 0) { "epochs must be >= 0, got $epochs" }
    }

    /** The Java trainer with these settings. */
    fun trainer(): KernelTrainer {
        val b = KernelTrainer.builder().loss(loss).t(t.value).epochs(epochs).learningRate(learningRate.value)
            .schedule(schedule).optimizer(optimizer).seed(seed)
            .normalizeFeatures(normalizeFeatures).normalizeRows(normalizeRows)
        if (firstHalf) b.firstHalf()
        return b.build()
    }

    override fun kernelFor(store: MemoryStore): LearnedKernel = trainer().train(store)
    override val label get() = "learned(${loss.label()}, $t, epochs=$epochs, $learningRate)"
}

/** Builds a [LearnedKernelSpec]; the only place kernel-training options exist. Defaults: the paper's. */
@HopfieldDsl
class LearnedKernelBuilder internal constructor() {
    /** Separation loss (default AVG). */
    var loss: SeparationLoss = SeparationLoss.AVG
    /** t of the loss (default 2). */
    var t: Temperature = Temperature.DEFAULT
    /** Full-batch epochs N ≥ 0 (default 100). */
    var epochs: Int = KernelTrainer.DEFAULT_EPOCHS
    /** γ (default 1). */
    var learningRate: LearningRate = LearningRate.DEFAULT
    /** Step schedule (default constant). */
    var schedule: KernelTrainer.Schedule = KernelTrainer.Schedule.CONSTANT
    /** SGD (default, the paper) or Adam. */
    var optimizer: KernelTrainer.Optimizer = KernelTrainer.Optimizer.SGD
    /** Seed of W₀ (default 0). */
    var seed: Long = 0
    /** Unit-length features in the loss (default true). */
    var normalizeFeatures: Boolean = true
    /** Unit-norm rows of W after training (default true). */
    var normalizeRows: Boolean = true
    /** Train on the first half of the memories only (default false: all). */
    var firstHalf: Boolean = false

    internal fun build() = LearnedKernelSpec(
        loss, t, epochs, learningRate, schedule, optimizer, seed, normalizeFeatures, normalizeRows, firstHalf,
    )
}

/** Chooses the stage I kernel. */
@HopfieldDsl
class KernelScope internal constructor() {
    internal var spec: KernelSpec = IdentityKernel

    /** No kernel (the default). */
    fun identity() { spec = IdentityKernel }

    /** A kernel saved to [path]. */
    fun load(path: Path) { spec = LoadedKernel(path) }

    /** A kernel saved to [path]. */
    fun load(path: String) = load(Path.of(path))

    /** A kernel learned on the memories (U-Hop stage I). */
    fun learned(block: LearnedKernelBuilder.() -> Unit = {}) {
        spec = LearnedKernelBuilder().apply(block).build()
    }
}

/** A learned-kernel spec outside a pipeline. */
fun learnedKernel(block: LearnedKernelBuilder.() -> Unit = {}): LearnedKernelSpec = LearnedKernelBuilder().apply(block).build()

/** SGD, the paper's optimiser. */
val sgd get() = KernelTrainer.Optimizer.SGD

/** Adam. */
val adam get() = KernelTrainer.Optimizer.ADAM
