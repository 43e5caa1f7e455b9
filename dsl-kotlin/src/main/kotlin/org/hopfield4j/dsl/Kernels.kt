package org.hopfield4j.dsl

import org.hopfield4j.KernelTrainer
import org.hopfield4j.LearnedKernel
import org.hopfield4j.MemoryStore
import org.hopfield4j.RowSelection
import org.hopfield4j.SeparationLoss
import java.nio.file.Path
import kotlin.reflect.KProperty

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

/**
 * U-Hop stage I: a kernel learned on the store by [trainer] (the Java [KernelTrainer], which holds
 * every setting once). Two specs are equal when their trainers' settings and rows are, so pipelines
 * with equal stage I share one trained kernel.
 */
class LearnedKernelSpec(val trainer: KernelTrainer) : KernelSpec {
    private val key get() = listOf(trainer.training(), trainer.rows())

    override fun kernelFor(store: MemoryStore): LearnedKernel = trainer.train(store)
    override val label: String
        get() = trainer.training().let { "learned(${it.loss().label()}, t=${it.t()}, epochs=${it.epochs()}, γ=${it.learningRate()})" }
    override fun equals(other: Any?) = other is LearnedKernelSpec && other.key == key
    override fun hashCode() = key.hashCode()
    override fun toString() = label
}

/**
 * Configures a [KernelTrainer] (defaults: the paper's, as [KernelTrainer.builder] has them). Each
 * assignment goes through the Java builder at once, so a bad value fails when the spec is built,
 * with the library's own message.
 */
@HopfieldDsl
class LearnedKernelBuilder internal constructor() {
    private var trainer: KernelTrainer = KernelTrainer.builder().build()

    /** A property read from the trainer's settings and written through its builder. */
    private inner class Setting<T>(val read: KernelTrainer.() -> T, val write: KernelTrainer.Builder.(T) -> Unit) {
        operator fun getValue(owner: Any?, property: KProperty<*>): T = trainer.read()
        operator fun setValue(owner: Any?, property: KProperty<*>, value: T) {
            trainer = trainer.toBuilder().apply { write(value) }.build()
        }
    }

    /** Separation loss (default AVG). */
    var loss by Setting({ training().loss() }, { loss(it) })
    /** t of the loss (default 2). */
    var t by Setting({ Temperature(training().t()) }, { t(it.value) })
    /** Full-batch epochs N ≥ 0 (default 100). */
    var epochs by Setting({ training().epochs() }, { epochs(it) })
    /** γ (default 1). */
    var learningRate by Setting({ LearningRate(training().learningRate()) }, { learningRate(it.value) })
    /** Step schedule (default constant). */
    var schedule by Setting({ training().schedule() }, { schedule(it) })
    /** SGD (default, the paper) or Adam. */
    var optimizer by Setting({ training().optimizer() }, { optimizer(it) })
    /** Seed of W₀ (default 0). */
    var seed by Setting({ training().seed().asLong }, { seed(it) })
    /** Unit-length features in the loss (default true). */
    var normalizeFeatures by Setting({ training().normalizeFeatures() }, { normalizeFeatures(it) })
    /** Unit-norm rows of W after training (default true). */
    var normalizeRows by Setting({ training().normalizeRows() }, { normalizeRows(it) })
    /** Which memories to train on (default all). */
    var rows by Setting({ rows() }, { rows(it) })
    /** Train on the first half of the memories only (default false: all). */
    var firstHalf by Setting({ rows() == RowSelection.firstHalf() },
        { rows(if (it) RowSelection.firstHalf() else RowSelection.all()) })

    internal fun build() = LearnedKernelSpec(trainer)
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
