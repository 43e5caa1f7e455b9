package org.hopfield4j.dsl

import org.hopfield4j.Precision
import org.hopfield4j.Separation
import org.hopfield4j.nn.Activation
import org.hopfield4j.nn.Dropout
import org.hopfield4j.nn.Hopfield
import org.hopfield4j.nn.HopfieldBuilder
import org.hopfield4j.nn.Layer
import org.hopfield4j.nn.LayerNorm
import org.hopfield4j.nn.Linear
import org.hopfield4j.nn.Model

/**
 * A network declared layer by layer (docs/kotlin-dsl.md#model). The builder tracks the width of a row,
 * so each layer takes only what it adds (`linear(64)`: 64 outputs) and a width can never mismatch:
 *
 * ```kotlin
 * val net: Model = model(input = 784, seed = 1) {
 *     linear(64); relu()
 *     hopfieldPooling { map = sparsemax; heads = 4 }
 *     linear(1)
 * }
 * ```
 * Each layer's seed is the model's plus its position, so one seed fixes every initial value and
 * dropout mask. [precision] is what the linear and Hopfield layers compute in (`Precision.FLOAT32`:
 * sgemm and the float32 kernels, parameters kept in float64; docs/java-api.md#layer-precision).
 */
fun model(input: Int, seed: Long = 0, precision: Precision = Precision.FLOAT64, block: ModelBuilder.() -> Unit): Model =
    ModelBuilder(input, seed, precision).apply(block).build()

/** The layers of a [model], in order. */
@HopfieldDsl
class ModelBuilder internal constructor(input: Int, private val seed: Long, private val precision: Precision) {
    private val layers = mutableListOf<Layer>()

    /** The width of a row after the layers so far. */
    var width: Int = input
        private set

    private fun next(): Long = seed + 16L * layers.size

    private fun add(layer: Layer, outWidth: Int = width) {
        layers += layer
        width = outWidth
    }

    /** y = W x + b with [out] outputs (no b if [bias] is false). */
    fun linear(out: Int, bias: Boolean = true) = add(Linear(width, out, bias, next(), precision), out)

    fun relu() = add(Activation.relu())

    /** GELU, tanh form. */
    fun gelu() = add(Activation.gelu())

    fun layerNorm() = add(LayerNorm(width))

    /** Dropout with probability [p] in training, seeded. */
    fun dropout(p: Double) = add(Dropout(p, next()))

    /** A Hopfield layer associating each bag with itself. */
    fun hopfield(block: HopfieldScope.() -> Unit = {}) {
        val layer = HopfieldScope().apply(block).configure(Hopfield.builder(width).precision(precision), next()).build()
        add(layer, layer.settings().outputWidth())
    }

    /** Hopfield pooling with [queries] learned query patterns: one row per bag of queries × output width. */
    fun hopfieldPooling(queries: Int = 1, block: HopfieldScope.() -> Unit = {}) {
        val layer = HopfieldScope().apply(block).configure(Hopfield.builder(width).precision(precision), next()).buildPooling(queries)
        add(layer, queries * layer.settings().outputWidth())
    }

    /** A Hopfield lookup layer with a learned memory of [memories] patterns and targets. */
    fun hopfieldLayer(memories: Int, block: HopfieldScope.() -> Unit = {}) {
        val layer = HopfieldScope().apply(block).configure(Hopfield.builder(width).precision(precision), next()).buildLayer(memories)
        add(layer, layer.settings().outputWidth())
    }

    internal fun build(): Model = Model.of(layers)
}

/**
 * The settings of one Hopfield layer; unset ones keep [HopfieldBuilder]'s defaults. Only separation maps
 * fit a layer (`map = poly(2)` fails: poly is not differentiable), α is learned with
 * `learnedAlpha(1.5.alpha)`, and `uhop { }` (U-Hop's stage I, the settings of `learned { }`) needs
 * `kernel`.
 */
@HopfieldDsl
class HopfieldScope internal constructor() {
    /** The map of every head (default softmax); a separation map. */
    var map: MapSpec = softmax
    var heads: Int = 1
    /** β of every head (default 1/√dk). */
    var beta: Beta? = null
    /** Whether β is trained. */
    var learnBeta: Boolean = false
    /** dk and dv per head (default: width / heads). */
    var keyDim: Int? = null
    var valueDim: Int? = null
    /** The output width (default: the input width). */
    var outputWidth: Int? = null
    /** Update steps T ≥ 1 and the early-stop threshold ε. */
    var steps: Int = 1
    var eps: Double = 0.0
    /** Dropout on the association matrix, in training. */
    var dropout: Double = 0.0
    /** D of a learned-kernel similarity (U-Hop's Φ in the layer); null: dot product. */
    var kernel: Int? = null
    /** LayerNorm on the state, stored and value inputs (default on). */
    var normalize: Boolean = true
    private var learnedAlpha: Alpha? = null
    private var uhop: LearnedKernelSpec? = null

    /** α-entmax with α learned per head, from [initial] (in (1.01, 2)). */
    fun learnedAlpha(initial: Alpha) {
        learnedAlpha = initial
    }

    /** U-Hop Algorithm 2: [block]'s epochs of stage I on the kernel before each training step. */
    fun uhop(block: LearnedKernelBuilder.() -> Unit) {
        uhop = LearnedKernelBuilder().apply(block).build()
    }

    internal fun configure(b: HopfieldBuilder, seed: Long): HopfieldBuilder {
        val separation: Separation = map.toSeparation()
            ?: throw IllegalArgumentException("a Hopfield layer needs a separation map, got ${map.label}")
        b.heads(heads).separation(separation).learnBeta(learnBeta).updateSteps(steps).epsilon(eps)
            .dropout(dropout).normalize(normalize, normalize, normalize).seed(seed)
        beta?.let { b.beta(it.value) }
        keyDim?.let { b.keyDim(it) }
        valueDim?.let { b.valueDim(it) }
        outputWidth?.let { b.outputWidth(it) }
        kernel?.let { b.kernel(it) }
        learnedAlpha?.let { b.learnedAlpha(it.value) }
        uhop?.let { b.uhop(it.trainer) }
        return b
    }
}
