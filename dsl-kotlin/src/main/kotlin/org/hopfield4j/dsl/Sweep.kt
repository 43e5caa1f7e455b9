package org.hopfield4j.dsl

/** One point of a sweep: the values of the swept axes (reading an axis that is not swept fails). */
data class SweepPoint(
    private val memorySize: Int?,
    private val noise: NoiseNorm?,
    private val epochCount: Int?,
    /** The seed of this point (0 unless `seeds(...)` is swept). */
    val seed: Long,
) {
    /** The memory size M of this point. */
    val memories: Int get() = checkNotNull(memorySize) { "the sweep has no memorySizes(...)" }
    /** The noise norm σ of this point. */
    val sigma: NoiseNorm get() = checkNotNull(noise) { "the sweep has no noiseNorms(...)" }
    /** The stage I epochs of this point. */
    val epochs: Int get() = checkNotNull(epochCount) { "the sweep has no epochs(...)" }

    internal fun parameters(): Map<String, Any> = buildMap {
        memorySize?.let { put("M", it) }
        noise?.let { put("sigma", it.value) }
        epochCount?.let { put("epochs", it) }
    }
}

/** A sweep: the cartesian product of its axes, one experiment per point. Immutable; [run] executes it. */
class SweepSpec internal constructor(
    val memorySizes: List<Int?>,
    val noiseNorms: List<NoiseNorm?>,
    val epochs: List<Int?>,
    val seeds: List<Long>,
    private val experiment: ExperimentBuilder.(SweepPoint) -> Unit,
) {
    /** Every point, in order (memory size, noise, epochs, seed; the last varies fastest). */
    val points: List<SweepPoint>
        get() = memorySizes.flatMap { m ->
            noiseNorms.flatMap { s -> epochs.flatMap { e -> seeds.map { SweepPoint(m, s, e, it) } } }
        }

    /** The experiment of [point]. */
    fun experimentAt(point: SweepPoint): ExperimentSpec =
        ExperimentBuilder().apply { seed = point.seed }.apply { experiment(point) }.build()

    /** Runs every point: the tidy table of all results. */
    fun run(): List<ResultRow> = points.flatMap { experimentAt(it).run(it.parameters()) }
}

/** Builds a [SweepSpec]; an axis not declared is not swept. */
@HopfieldDsl
class SweepBuilder internal constructor() {
    private var memorySizes: List<Int?> = listOf(null)
    private var noiseNorms: List<NoiseNorm?> = listOf(null)
    private var epochs: List<Int?> = listOf(null)
    private var seeds: List<Long> = listOf(0L)
    private var experiment: (ExperimentBuilder.(SweepPoint) -> Unit)? = null

    /** Memory sizes M to sweep. */
    fun memorySizes(vararg m: Int) { memorySizes = nonEmpty("memorySizes", m.toList()) }
    /** Noise norms σ to sweep. */
    fun noiseNorms(vararg sigma: Double) { noiseNorms = nonEmpty("noiseNorms", sigma.map(::NoiseNorm)) }
    /** Stage I epochs to sweep. */
    fun epochs(vararg n: Int) { epochs = nonEmpty("epochs", n.toList()) }
    /** Seeds to sweep. */
    fun seeds(vararg s: Long) { seeds = nonEmpty("seeds", s.toList()) }
    /** Seeds 0 until [count]. */
    fun seeds(count: Int) { seeds = nonEmpty("seeds", (0L until count).toList()) }

    /** The experiment at each point. */
    fun experiment(block: ExperimentBuilder.(SweepPoint) -> Unit) { experiment = block }

    private fun <T> nonEmpty(axis: String, values: List<T>): List<T> {
        require(values.isNotEmpty()) { "$axis(...) needs at least one value" }
        return values
    }

    internal fun build() = SweepSpec(memorySizes, noiseNorms, epochs, seeds,
        checkNotNull(experiment) { "the sweep has no experiment { point -> ... }" })
}

/** A sweep spec; call [SweepSpec.run] for the tidy [ResultRow] table. */
fun sweep(block: SweepBuilder.() -> Unit): SweepSpec = SweepBuilder().apply(block).build()
