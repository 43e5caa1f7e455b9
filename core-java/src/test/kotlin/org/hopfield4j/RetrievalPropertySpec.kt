package org.hopfield4j

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.PropTestConfig
import io.kotest.property.arbitrary.arbitrary
import io.kotest.property.arbitrary.constant
import io.kotest.property.arbitrary.doubleArray
import io.kotest.property.arbitrary.floatArray
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.numericDouble
import io.kotest.property.arbitrary.numericFloat
import io.kotest.property.checkAll
import org.hopfield4j.reference.ReferenceRetrieval
import kotlin.math.abs
import kotlin.math.max

/** A random store, queries, β and a square feature map W (full column rank almost surely). */
private class Problem(
    val m: Int, val d: Int, val b: Int, val xi: DoubleArray, val queries: DoubleArray, val beta: Double,
    val w: DoubleArray,
) {
    override fun toString() = "Problem(M=$m, d=$d, B=$b, beta=$beta)"
}

/** Values drawn as float32 (Arb.numericFloat) so float32 and float64 stores hold the same numbers. */
private val problems = arbitrary {
    val m = Arb.int(2..24).bind()
    val d = Arb.int(2..8).bind()
    val b = Arb.int(1..4).bind()
    val xi = Arb.floatArray(Arb.constant(m * d), Arb.numericFloat(-2f, 2f)).bind()
    val q = Arb.floatArray(Arb.constant(b * d), Arb.numericFloat(-2f, 2f)).bind()
    val beta = Arb.numericDouble(0.05, 4.0).bind()
    val w = Arb.doubleArray(Arb.constant(d * d), Arb.numericDouble(-1.0, 1.0)).bind()
    Problem(m, d, b, xi.map { it.toDouble() }.toDoubleArray(), q.map { it.toDouble() }.toDoubleArray(), beta, w)
}

private fun config(seed: Long, iterations: Int) = PropTestConfig(seed = seed, iterations = iterations)

class RetrievalPropertySpec : FunSpec({

    // E(x) = 1/2<x,x> - (1/beta) Psi*(beta Xi x) is a Lyapunov function for every alpha >= 1 (dot), and
    // E_K for the kernel: iterate one step at a time and watch it never go up.
    for (precision in Precision.values()) {
        val tol = if (precision == Precision.FLOAT32) 2e-5 else 1e-11
        test("energy never increases along iterations, every alpha >= 1, dot and kernel, $precision") {
            checkAll(config(1234L + precision.ordinal, 25), problems) { p ->
                RetrievalFixtures.store(precision, p.xi, p.m, p.d).use { store ->
                    for (map in RetrievalFixtures.energyMaps()) {
                        for (kernel in listOf(false, true)) {
                            val sim = if (kernel) Similarity.kernel(p.w, p.d, p.d) else Similarity.dot()
                            Retriever.builder(store).map(map.map()).beta(p.beta).steps(1).similarity(sim)
                                .recordEnergies(true).build().use { r ->
                                    var x = p.queries
                                    var last: DoubleArray? = null
                                    repeat(10) { t ->
                                        val got = RetrievalFixtures.retrieve(r, x, p.b)
                                        val before = got.energyBefore()
                                        val after = got.energyAfter()
                                        for (i in 0 until p.b) {
                                            withClue("$p $map kernel=$kernel step $t query $i: E ${before[i]} -> ${after[i]}") {
                                                after[i] shouldBeLessThanOrEqual before[i] + tol * max(1.0, abs(before[i]))
                                                if (last != null) {
                                                    abs(before[i] - last!![i]) shouldBeLessThanOrEqual
                                                        tol * max(1.0, abs(before[i]))
                                                }
                                            }
                                        }
                                        last = after
                                        x = RetrievalFixtures.states(got)
                                    }
                                }
                        }
                    }
                }
            }
        }
    }

    // U-Hop Theorem 2.2: pattern mu is a fixed point retrieved exactly when alpha-entmax of beta*s(xi_mu) is
    // one-hot, i.e. (alpha - 1) beta (s_mumu - max_{nu != mu} s_munu) >= 1. Derive beta from the data.
    test("separated patterns are retrieved exactly at the derived beta (sparsemax, float64)") {
        checkAll(config(99L, 40), problems) { p ->
            val gaps = DoubleArray(p.m) { mu ->
                val self = dot(p.xi, mu, p.xi, mu, p.d)
                var other = Double.NEGATIVE_INFINITY
                for (nu in 0 until p.m) if (nu != mu) other = max(other, dot(p.xi, mu, p.xi, nu, p.d))
                if (self - other > 1e-6 * (1 + abs(self))) self - other else Double.NaN
            }
            val separated = (0 until p.m).filter { !gaps[it].isNaN() }
            if (separated.isNotEmpty()) {
                val beta = 1.01 / separated.minOf { gaps[it] }
                MemoryStore.ofDouble(p.xi, p.m, p.d).use { store ->
                    Retriever.builder(store).map(Separation.sparsemax()).beta(beta).recordWeights(true).build().use { r ->
                        val queries = separated.flatMap { store.pattern(it).toList() }.toDoubleArray()
                        val got = r.retrieve(queries, separated.size)
                        separated.forEachIndexed { k, mu ->
                            withClue("$p pattern $mu gap ${gaps[mu]} beta $beta") {
                                got.weights().rowIndices(k).toList() shouldBe listOf(mu)
                                got.weights().rowValues(k).toList() shouldBe listOf(1.0)
                                got.state(k).toList() shouldBe store.pattern(mu).toList()
                            }
                        }
                    }
                }
            }
        }
    }

    test("native retrieval equals the reference on random problems (float64, 3 steps)") {
        checkAll(config(7L, 30), problems) { p ->
            MemoryStore.ofDouble(p.xi, p.m, p.d).use { store ->
                for (map in RetrievalFixtures.MAPS) {
                    val ref = map.apply(ReferenceRetrieval.of(p.xi, p.m, p.d)).beta(p.beta).steps(3).retrieve(p.queries, p.b)
                    map.apply(Retriever.builder(store)).beta(p.beta).steps(3).recordWeights(true).build().use { r ->
                        val got = r.retrieve(p.queries, p.b)
                        withClue("$p $map") {
                            RetrievalFixtures.assertClose(ref.states(), got.doubleStates(), 1e-9, "states")
                            RetrievalFixtures.assertClose(ref.weights(), RetrievalFixtures.dense(got.weights()), 1e-9, "weights")
                        }
                    }
                }
            }
        }
    }
})

private fun dot(a: DoubleArray, i: Int, b: DoubleArray, j: Int, d: Int): Double {
    var s = 0.0
    for (k in 0 until d) s += a[i * d + k] * b[j * d + k]
    return s
}
