package org.hopfield4j.dsl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import org.hopfield4j.MemoryStore
import org.hopfield4j.Retriever
import org.hopfield4j.Separation
import org.hopfield4j.data.Corruption
import org.hopfield4j.data.Normalization
import java.util.SplittableRandom

/** `normalize = ...` in `memories { }` stores exactly what the Java [Normalization] gives. */
class NormalizationSpec : FunSpec({
    val m = 12
    val d = 16
    val rng = SplittableRandom(7)
    val data = FloatArray(m * d) { (rng.nextDouble() * 3 - 1).toFloat() }
    // one all-zero row and one constant row: the documented edge cases go through the DSL unchanged
    for (j in 0 until d) {
        data[2 * d + j] = 0f
        data[5 * d + j] = 0.25f
    }

    fun stored(spec: StoreSpec): FloatArray = spec.open().use { it.toFloatArray() }

    test("the default stores the memories unchanged") {
        stored(memories { array(data, m, d) }) shouldBe data
        memories { array(data, m, d) }.load().pixels() shouldBe data
    }

    test("normalize = none is the default") {
        stored(memories { array(data, m, d); normalize = none }) shouldBe data
    }

    for ((name, n) in listOf("unitL2" to Normalization.UNIT_L2, "minMax" to Normalization.MIN_MAX)) {
        test("normalize = $name stores Normalization.${n.name}.apply(...)") {
            val expected = n.apply(data, m, d)
            val spec = memories {
                array(data, m, d)
                normalize = if (n == Normalization.UNIT_L2) unitL2 else minMax
            }
            stored(spec) shouldBe expected
            spec.load().pixels() shouldBe expected
            // the call form builds the same store
            stored(memories { array(data, m, d); normalize(n) }) shouldBe expected
        }
    }

    test("a subset is normalised after it is drawn, through the Java API") {
        val subset = memories { array(data, m, d); sample(5, seed = 3) }.load()
        val spec = memories { array(data, m, d); sample(5, seed = 3); normalize = unitL2 }
        stored(spec) shouldBe Normalization.UNIT_L2.apply(subset.pixels(), 5, d)
    }

    test("retrieval on the DSL-normalised store = retrieval on a Java-normalised MemoryStore") {
        val normalized = Normalization.UNIT_L2.apply(data, m, d)
        val queries = Corruption.noise(normalized, m, d, 0.3, 5)
        val java = MemoryStore.ofFloat(normalized, m, d).use { s ->
            Retriever.builder(s).map(Separation.softmax()).beta(4.0).build().use { it.retrieve(queries, m).floatStates() }
        }
        val dsl = memories { array(data, m, d); normalize = unitL2 }.open().use { s ->
            pipeline("dense") { stageTwo { beta = 4.beta } }.retriever(s).use { it.retrieve(queries, m).floatStates() }
        }
        dsl shouldBe java
    }

    test("the spec records its normalisation and the default adds no wrapper") {
        val plain = memories { array(data, m, d) }
        (plain is NormalizedStore) shouldBe false
        val spec = memories { array(data, m, d); normalize = minMax }
        (spec as NormalizedStore).normalization shouldBeSameInstanceAs Normalization.MIN_MAX
    }
})
