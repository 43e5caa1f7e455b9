package org.hopfield4j.dsl

import org.hopfield4j.MemoryStore
import org.hopfield4j.data.ImageSet
import org.hopfield4j.data.Normalization
import org.hopfield4j.experiment.MemoryRetrievalExperiment
import java.nio.file.Path
import java.util.SplittableRandom

/** Where the memories come from; [open] makes the Java [MemoryStore] (close it). */
sealed interface StoreSpec {
    /** The memories as an image set (rows, count, dimension). */
    fun load(): ImageSet

    /** A new float32 [MemoryStore] of these memories. */
    fun open(): MemoryStore = load().let { MemoryStore.ofFloat(it.pixels(), it.count(), it.dimension()) }
}

/** Memories given as a row-major M × d array. */
class ArrayStore(private val data: FloatArray, val count: Int, val dimension: Int) : StoreSpec {
    init {
        require(count >= 1 && dimension >= 1) { "memories need count >= 1 and dimension >= 1, got $count x $dimension" }
        require(data.size.toLong() == count.toLong() * dimension) {
            "memories have ${data.size} values, expected count * dimension = $count * $dimension"
        }
    }

    override fun load() = ImageSet(data.copyOf(), count, dimension, null, "array $count x $dimension")
}

/** Memories in a 2-d `.npy` file (read through [MemoryStore.fromNpy]). */
data class NpyStore(val path: Path) : StoreSpec {
    override fun open(): MemoryStore = MemoryStore.fromNpy(path)
    override fun load(): ImageSet = MemoryStore.fromNpy(path).use {
        ImageSet(it.toFloatArray(), it.size(), it.dimension(), null, path.toString())
    }
}

/** Memories from an image data set (see [Datasets]). */
class DatasetStore(private val data: ImageSet) : StoreSpec {
    override fun load() = data
}

/** [count] memories drawn without replacement from [source] with [seed] (the experiments' draw). */
data class SubsetStore(val source: StoreSpec, val count: Int, val seed: Long) : StoreSpec {
    init {
        require(count >= 1) { "a subset needs count >= 1, got $count" }
    }

    override fun load(): ImageSet {
        val all = source.load()
        val idx = MemoryRetrievalExperiment.draw(all.count(), count, SplittableRandom(seed))
        return ImageSet(all.rows(idx), count, all.dimension(), all.labels()?.let { l -> IntArray(count) { l[idx[it]] } },
            "$count of ${all.description()} (seed $seed)")
    }
}

/** The first [count] memories of [source]. */
data class HeadStore(val source: StoreSpec, val count: Int) : StoreSpec {
    override fun load(): ImageSet {
        val all = source.load()
        require(count in 1..all.count()) { "cannot take $count memories of ${all.count()}" }
        val idx = IntArray(count) { it }
        return ImageSet(all.rows(idx), count, all.dimension(), all.labels()?.copyOf(count), "first $count of ${all.description()}")
    }
}

/**
 * The memories of [source] with every row normalised by [normalization] (see the Java
 * [Normalization]: [Normalization.UNIT_L2] divides each row by its Euclidean norm, an all-zero row
 * staying zero; [Normalization.MIN_MAX] maps each row onto [0, 1], a constant row becoming all
 * zeros). The numerics are the Java API's; this only applies them when the store is loaded or opened.
 */
data class NormalizedStore(val source: StoreSpec, val normalization: Normalization) : StoreSpec {
    override fun load(): ImageSet {
        val all = source.load()
        return ImageSet(normalization.apply(all.pixels(), all.count(), all.dimension()), all.count(), all.dimension(),
            all.labels()?.copyOf(), "${all.description()}, ${normalization.label()}")
    }
}

/**
 * Declares the memories: one source, optionally narrowed to a subset, optionally normalised row by
 * row ([normalize]).
 *
 * ```
 * memories {
 *     dataset(Datasets.mnist())
 *     sample(1000, seed = 3)
 *     normalize = unitL2
 * }
 * ```
 */
@HopfieldDsl
class StoreBuilder internal constructor() {
    private var source: StoreSpec? = null
    private var narrow: (StoreSpec) -> StoreSpec = { it }

    /**
     * How each memory (row) is normalised when the store is loaded or opened, through the Java
     * [Normalization]: [none] (the default: memories stored as given), [unitL2] (each row divided by
     * its Euclidean norm; an all-zero row stays zero) or [minMax] (each row scaled to [0, 1]; a
     * constant row becomes all zeros). Applied after [sample] / [take].
     */
    var normalize: Normalization = Normalization.NONE

    /** No normalisation (the default). */
    val none: Normalization get() = Normalization.NONE

    /** Each row divided by its Euclidean norm; an all-zero row stays zero. */
    val unitL2: Normalization get() = Normalization.UNIT_L2

    /** Each row scaled to [0, 1] (min → 0, max → 1); a constant row becomes all zeros. */
    val minMax: Normalization get() = Normalization.MIN_MAX

    /** Sets [normalize] (the call form: `normalize(unitL2)`). */
    fun normalize(normalization: Normalization) {
        normalize = normalization
    }

    /** Memories from a row-major [count] × [dimension] array. */
    fun array(data: FloatArray, count: Int, dimension: Int) = set(ArrayStore(data, count, dimension))

    /** Memories from a row-major [count] × [dimension] array. */
    fun array(data: DoubleArray, count: Int, dimension: Int) =
        set(ArrayStore(FloatArray(data.size) { data[it].toFloat() }, count, dimension))

    /** Memories from a 2-d `.npy` file. */
    fun npy(path: Path) = set(NpyStore(path))

    /** Memories from a 2-d `.npy` file. */
    fun npy(path: String) = npy(Path.of(path))

    /** Memories from an image set (MNIST, IDX, ...: see [Datasets]). */
    fun dataset(data: ImageSet) = set(DatasetStore(data))

    /** Keep [count] memories drawn at random with [seed]. */
    fun sample(count: Int, seed: Long = 0) { narrow = { SubsetStore(it, count, seed) } }

    /** Keep the first [count] memories. */
    fun take(count: Int) { narrow = { HeadStore(it, count) } }

    private fun set(spec: StoreSpec) {
        check(source == null) { "memories already have a source: declare exactly one of array, npy, dataset" }
        source = spec
    }

    internal fun build(): StoreSpec {
        val narrowed = narrow(checkNotNull(source) { "no memories: declare one of array(...), npy(...), dataset(...)" })
        return if (normalize == Normalization.NONE) narrowed else NormalizedStore(narrowed, normalize)
    }
}

/** A memory-store spec. */
fun memories(block: StoreBuilder.() -> Unit): StoreSpec = StoreBuilder().apply(block).build()
