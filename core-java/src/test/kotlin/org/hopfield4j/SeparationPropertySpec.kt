package org.hopfield4j

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.PropTestConfig
import io.kotest.property.arbitrary.arbitrary
import io.kotest.property.arbitrary.boolean
import io.kotest.property.arbitrary.element
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.list
import io.kotest.property.arbitrary.numericDouble
import io.kotest.property.arbitrary.numericFloat
import io.kotest.property.checkAll
import java.nio.ByteBuffer
import java.nio.ByteOrder
import org.hopfield4j.Numerics.F32_TOL
import org.hopfield4j.Numerics.F64_TOL
import org.hopfield4j.Numerics.ULP1
import org.hopfield4j.reference.ReferenceSeparation

/** A random batch: rows × n scores (with ties, −∞ entries and mixed magnitudes), a mask, a beta. */
class RandomBatch(val rows: Int, val n: Int, val z: DoubleArray, val mask: BooleanArray?, val beta: Double,
                  /** an upstream gradient for the backward, float-representable values in [-2, 2] */
                  val g: DoubleArray) {
    val size get() = rows * n
    val zf: FloatArray by lazy { ReferenceSeparation.toFloat(z) }
    override fun toString() =
        "rows=$rows n=$n beta=$beta mask=${mask?.joinToString("") { if (it) "1" else "0" }} z=${z.contentToString()}"
}

/**
 * Scores of one batch: a common scale (1e-3..1e3), or per entry a magnitude from 1e-30 to 1e30;
 * then some ties (an entry copied onto another), some −∞, sometimes a boolean mask.
 */
fun batches(maxRows: Int = 6, maxN: Int = 40, wild: Boolean = true): Arb<RandomBatch> = arbitrary {
    val rows = Arb.int(0..maxRows).bind()
    val n = Arb.int(1..maxN).bind()
    val unit = Arb.numericDouble(-1.0, 1.0)
    val mixed = wild && Arb.int(0..4).bind() == 0
    val scale = Arb.element(1e-3, 0.1, 1.0, 3.0, 10.0, 100.0).bind()
    val magnitudes = Arb.element(1e-30, 1e-10, 1.0, 1e10, 1e30)
    val z = DoubleArray(rows * n)
    for (i in z.indices) z[i] = unit.bind() * (if (mixed) magnitudes.bind() else scale)
    if (z.isNotEmpty()) {
        val index = Arb.int(z.indices)
        repeat(Arb.int(0..3).bind()) { z[index.bind()] = z[index.bind()] }
        if (wild) repeat(Arb.int(0..2).bind()) { z[index.bind()] = Double.NEGATIVE_INFINITY }
    }
    val mask = if (Arb.boolean().bind()) {
        val keep = Arb.numericDouble(0.0, 1.0)
        BooleanArray(rows * n).also { for (i in it.indices) it[i] = keep.bind() < 0.8 }
    } else null
    val beta = Arb.element(1.0, 0.25, 2.0, 7.5).bind()
    val gArb = Arb.numericFloat(-2f, 2f)
    val g = DoubleArray(rows * n)
    for (i in g.indices) g[i] = gArb.bind().toDouble()
    RandomBatch(rows, n, z, mask, beta, g)
}

/** Fixed so CI is reproducible; run with -Dhopfield4j.seed=N to explore other draws. */
private val seed: Long = System.getProperty("hopfield4j.seed")?.toLong() ?: 20240607L
@OptIn(io.kotest.common.ExperimentalKotest::class)  // PropTestConfig(seed = ...)
private fun config(iterations: Int) = PropTestConfig(seed = seed, iterations = iterations)

/** Extra tolerance for what one ulp of τ may cost a τ-based entmax (see [Numerics.tauConditioning]). */
private fun tauTolerance(m: MapCase, base: Double, ref: DoubleArray, b: RandomBatch) =
    Numerics.rowTolerances(base, ref, b.rows, b.n, m.alpha())

class SeparationPropertySpec : FunSpec({

    for (m in MapCase.ALL) {
        test("$m float64: equals the reference, sums to one, non-negative, support right, in place") {
            checkAll(config(120), batches()) { b ->
                val ref = m.reference(b.z, b.mask, b.rows, b.n, b.beta)
                val p = DoubleArray(b.size)
                val support = IntArray(b.rows)
                m.map().apply(b.z, b.mask, p, support, b.rows, b.n, b.beta)
                Numerics.assertClose(ref, p, b.n, tauTolerance(m, F64_TOL, ref, b), "$m f64")
                Numerics.assertDistributions(p, support, Numerics.allMaskedRows(b.z, b.mask, b.rows, b.n),
                    b.rows, b.n, 1e-12, "$m f64")
                support shouldBe ReferenceSeparation.support(ref, b.rows, b.n)

                val inPlace = b.z.clone()
                m.map().apply(inPlace, b.mask, inPlace, null, b.rows, b.n, b.beta)
                inPlace shouldBe p
            }
        }

        test("$m float32: equals the reference, sums to one, non-negative, support right, in place") {
            checkAll(config(120), batches()) { b ->
                val ref = m.reference(b.zf, b.mask, b.rows, b.n, b.beta)
                val refD = m.reference(ReferenceSeparation.toDouble(b.zf), b.mask, b.rows, b.n, b.beta)
                val p = FloatArray(b.size)
                val support = IntArray(b.rows)
                m.map().apply(b.zf, b.mask, p, support, b.rows, b.n, b.beta)
                Numerics.assertClose(ref, p, b.n, tauTolerance(m, F32_TOL, refD, b), "$m f32")
                Numerics.assertDistributions(p, support, Numerics.allMaskedRows(b.zf, b.mask, b.rows, b.n),
                    b.rows, b.n, 1e-5, "$m f32")
                support shouldBe ReferenceSeparation.support(ref, b.rows, b.n)

                val inPlace = b.zf.clone()
                m.map().apply(inPlace, b.mask, inPlace, null, b.rows, b.n, b.beta)
                inPlace shouldBe p
            }
        }

        test("$m: apply(z, beta) equals apply(beta * z, 1)") {
            checkAll(config(60), batches(wild = false), Arb.numericDouble(0.01, 20.0)) { b, beta ->
                val bz = DoubleArray(b.size) { b.z[it] * beta }
                val a = m.map().apply(b.z, b.rows, b.n, beta)
                val expected = m.map().apply(bz, b.rows, b.n, 1.0)
                // beta·z may be rounded differently on the two sides (one ulp of the largest |beta·z|),
                // and that moves p by up to its sensitivity Σ p^{2−α}/(α−1) (1 for softmax)
                val maxBz = bz.maxOfOrNull { Math.abs(it) } ?: 0.0
                val cond = maxOf(1.0, Numerics.tauConditioning(expected, b.rows, b.n, m.alpha()))
                val tol = F64_TOL + 16 * ULP1 * cond * (1 + maxBz * maxOf(1.0, m.alpha()))
                Numerics.assertClose(expected, a, b.n, tol, "$m f64 beta $beta")
            }
        }

        test("$m: backward equals the reference backward in float64 and float32, beta != 1 too") {
            checkAll(config(80), batches(wild = false), Arb.element(1.0, 0.37, 2.5)) { b, beta ->
                val gd = b.g
                val g = ReferenceSeparation.toFloat(gd)

                val p = DoubleArray(b.size)
                m.map().apply(b.z, b.mask, p, null, b.rows, b.n, beta)
                val dz = DoubleArray(b.size)
                m.map().backward(p, gd, dz, b.rows, b.n, beta)
                assertBackward(m, p, gd, m.referenceBackward(p, gd, b.rows, b.n, beta), dz, b, beta, F64_TOL)

                val pf = FloatArray(b.size)
                m.map().apply(b.zf, b.mask, pf, null, b.rows, b.n, beta)
                val dzf = FloatArray(b.size)
                m.map().backward(pf, g, dzf, b.rows, b.n, beta)
                val reff = m.referenceBackward(pf, g, b.rows, b.n, beta)
                assertBackward(m, ReferenceSeparation.toDouble(pf), gd, ReferenceSeparation.toDouble(reff), ReferenceSeparation.toDouble(dzf), b, beta, F32_TOL)
            }
        }

        test("$m: direct buffers at any position give the array results") {
            checkAll(config(40), batches(maxRows = 4, maxN = 20), Arb.int(0..5)) { b, pos ->
                val p = DoubleArray(b.size)
                val support = IntArray(b.rows)
                m.map().apply(b.z, b.mask, p, support, b.rows, b.n, b.beta)
                val zb = ByteBuffer.allocateDirect(8 * (pos + b.size)).order(ByteOrder.nativeOrder()).asDoubleBuffer()
                zb.position(pos); zb.put(b.z); zb.position(pos)
                val pb = ByteBuffer.allocateDirect(8 * (pos + b.size)).order(ByteOrder.nativeOrder()).asDoubleBuffer()
                pb.position(pos)
                val sb = ByteBuffer.allocateDirect(4 * (pos + b.rows)).order(ByteOrder.nativeOrder()).asIntBuffer()
                sb.position(pos)
                val mb = b.mask?.let { mask ->
                    ByteBuffer.allocateDirect(pos + mask.size).also { bb ->
                        for (i in mask.indices) bb.put(pos + i, if (mask[i]) 1 else 0)
                        bb.position(pos)
                    }
                }
                m.map().apply(zb, mb, pb, sb, b.rows, b.n, b.beta)
                DoubleArray(b.size) { pb.get(pos + it) } shouldBe p
                IntArray(b.rows) { sb.get(pos + it) } shouldBe support

                val pf = FloatArray(b.size)
                m.map().apply(b.zf, b.mask, pf, null, b.rows, b.n, b.beta)
                val zfb = ByteBuffer.allocateDirect(4 * (pos + b.size)).order(ByteOrder.nativeOrder()).asFloatBuffer()
                zfb.position(pos); zfb.put(b.zf); zfb.position(pos)
                m.map().apply(zfb, mb, zfb, null, b.rows, b.n, b.beta)      // in place
                FloatArray(b.size) { zfb.get(pos + it) } shouldBe pf
            }
        }
    }

    test("alpha = 2 equals sparsemax and alpha = 1.5 equals entmax15 (1e-12 f64, 1e-6 f32)") {
        val a2 = Separation.entmax(2.0)
        val a15 = Separation.entmax(1.5)
        checkAll(config(200), batches()) { b ->
            fun f64(s: Separation) = DoubleArray(b.size).also { s.apply(b.z, b.mask, it, null, b.rows, b.n, b.beta) }
            fun f32(s: Separation) = FloatArray(b.size).also { s.apply(b.zf, b.mask, it, null, b.rows, b.n, b.beta) }
            Numerics.assertClose(f64(Separation.sparsemax()), f64(a2), b.n, F64_TOL, "alpha 2 f64")
            Numerics.assertClose(f64(Separation.entmax15()), f64(a15), b.n, F64_TOL, "alpha 1.5 f64")
            Numerics.assertClose(f32(Separation.sparsemax()), f32(a2), b.n, F32_TOL, "alpha 2 f32")
            Numerics.assertClose(f32(Separation.entmax15()), f32(a15), b.n, F32_TOL, "alpha 1.5 f32")
        }
    }

    test("per-row alphas equal the single-alpha results row by row") {
        val alphaLists = Arb.list(Arb.numericDouble(1.05, 8.0), 5..5)
        checkAll(config(60), batches(maxRows = 5, wild = true), alphaLists) { b, alphaList ->
            if (b.rows > 0) {
                val alphas = alphaList.take(b.rows).toDoubleArray()
                val p = DoubleArray(b.size)
                val pf = FloatArray(b.size)
                Separation.entmaxPerRow(*alphas).apply(b.z, b.mask, p, null, b.rows, b.n, b.beta)
                Separation.entmaxPerRow(*alphas).apply(b.zf, b.mask, pf, null, b.rows, b.n, b.beta)
                for (r in 0 until b.rows) {
                    val range = r * b.n until (r + 1) * b.n
                    val zr = b.z.sliceArray(range)
                    val mr = b.mask?.sliceArray(range)
                    val q = DoubleArray(b.n).also { Separation.entmax(alphas[r]).apply(zr, mr, it, null, 1, b.n, b.beta) }
                    val qf = FloatArray(b.n).also {
                        Separation.entmax(alphas[r]).apply(ReferenceSeparation.toFloat(zr), mr, it, null, 1, b.n, b.beta)
                    }
                    p.sliceArray(range) shouldBe q
                    pf.sliceArray(range) shouldBe qf
                }
            }
        }
    }

    test("the optimality conditions hold for every entmax-family map (float64, moderate scores)") {
        checkAll(config(100), batches(wild = false)) { b ->
            for (m in MapCase.ALL.filter { it.reference() != ReferenceSeparation.Map.NORMMAX_BISECT }) {
                val p = DoubleArray(b.size)
                m.map().apply(b.z, b.mask, p, null, b.rows, b.n, b.beta)
                val alpha = m.alpha()
                val scale = maxOf(1.0, maxOf(alpha - 1, 1.0) * b.beta * (b.z.filter { it.isFinite() }.maxOfOrNull { Math.abs(it) } ?: 0.0))
                val tol = 1e-12 * scale + 16 * ULP1 * (alpha - 1) * Numerics.tauConditioning(p, b.rows, b.n, alpha)
                Numerics.kktViolation(b.z, b.mask, p, b.rows, b.n, b.beta, alpha) shouldBeLessThan tol
            }
        }
    }

    test("alpha -> 1 approaches softmax") {
        checkAll(config(40), batches(wild = false)) { b ->
            val soft = Separation.softmax().apply(b.z, b.rows, b.n, b.beta)
            fun gap(alpha: Double) = Numerics.maxAbsDiff(soft, Separation.entmax(alpha).apply(b.z, b.rows, b.n, b.beta))
            val g3 = gap(1.001)
            val g4 = gap(1.0001)
            // the gap is O((alpha − 1) · spread of beta·z): bounded here by scores up to 100 × beta 7.5
            g4 shouldBeLessThan maxOf(g3 / 5, 1e-9)
            if (b.beta * (b.z.filter { it.isFinite() }.maxOfOrNull { Math.abs(it) } ?: 0.0) <= 3.0) {
                g3 shouldBeLessThan 1e-2
            }
        }
    }
})

private fun assertBackward(m: MapCase, p: DoubleArray, g: DoubleArray, expected: DoubleArray, actual: DoubleArray,
                           b: RandomBatch, beta: Double, tol: Double) {
    for (r in 0 until b.rows) {
        var scale = 1.0                       // size of the terms: beta Σ |s_i g_i|, s_i = p_i^{2−α}
        for (i in r * b.n until (r + 1) * b.n) {
            if (p[i] > 0) scale += beta * Math.abs(g[i]) * (if (m.alpha() == 1.0) p[i] else Math.pow(p[i], 2 - m.alpha()))
        }
        for (i in r * b.n until (r + 1) * b.n) {
            if (!(Math.abs(expected[i] - actual[i]) <= tol * scale)) {
                throw AssertionError("$m backward at row $r column ${i - r * b.n}: expected ${expected[i]} but was " +
                    "${actual[i]} (tol ${tol * scale}); p=${p.sliceArray(r * b.n until (r + 1) * b.n).contentToString()}")
            }
        }
    }
}
