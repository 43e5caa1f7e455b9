package org.hopfield4j.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.hopfield4j.KernelTrainer
import org.hopfield4j.MapKind
import org.hopfield4j.MemoryStore
import org.hopfield4j.Retriever
import org.hopfield4j.Separation
import org.hopfield4j.SeparationLoss
import org.hopfield4j.Similarity
import org.hopfield4j.data.Corruption
import java.util.SplittableRandom

/** A DSL spec does exactly what the hand-written Java API calls do. */
class DslEquivalenceSpec : FunSpec({
    val m = 12
    val d = 16
    val rng = SplittableRandom(42)
    val data = FloatArray(m * d) { rng.nextDouble().toFloat() }
    val noisy = Corruption.noise(data, m, d, 0.8, 5)

    fun javaStates(configure: (MemoryStore) -> Retriever.Builder): FloatArray =
        MemoryStore.ofFloat(data, m, d).use { s -> configure(s).build().use { it.retrieve(noisy, m).floatStates() } }

    fun dslStates(spec: PipelineSpec): FloatArray =
        memories { array(data, m, d) }.open().use { s -> spec.retriever(s).use { it.retrieve(noisy, m).floatStates() } }

    test("dense pipeline = Retriever.builder with softmax, beta, steps, eps") {
        val spec = pipeline("dense") { stageTwo { map = softmax; beta = 4.beta; steps = 3; eps = 1e-6 } }
        dslStates(spec) shouldBe javaStates {
            Retriever.builder(it).map(Separation.softmax()).beta(4.0).steps(3).eps(1e-6)
        }
    }

    test("entmax and a fixed similarity") {
        val spec = pipeline("l1") { stageTwo { map = entmax(1.3.alpha); similarity = negativeManhattan; steps = 2 } }
        dslStates(spec) shouldBe javaStates {
            Retriever.builder(it).map(Separation.entmax(1.3)).similarity(Similarity.negativeManhattan()).steps(2)
        }
    }

    test("normmax word = the registry's normmax; alpha out of range fails when the spec is built") {
        val spec = pipeline("normmax") { stageTwo { map = normmax(2.alpha); beta = 3.beta; steps = 2 } }
        dslStates(spec) shouldBe javaStates {
            Retriever.builder(it).map(MapKind.NORMMAX.separation(2.0)).beta(3.0).steps(2)
        }
        map("normmax", 2) shouldBe normmax(2.alpha)
        shouldThrow<IllegalArgumentException> { normmax(1.alpha) }.message shouldContain "alpha"
    }

    test("cosine by its registry name = Similarity.cosine()") {
        val spec = pipeline("cosine") { stageTwo { map = sparsemax; similarity = similarity("cosine"); beta = 8.beta } }
        dslStates(spec) shouldBe javaStates {
            Retriever.builder(it).map(Separation.sparsemax()).similarity(Similarity.cosine()).beta(8.0)
        }
    }

    test("poly baseline") {
        dslStates(pipeline("poly") { stageTwo { map = poly(10) } }) shouldBe
            javaStates { Retriever.builder(it).polynomial(10.0) }
    }

    test("learned kernel pipeline = KernelTrainer + LearnedKernel.retriever") {
        val spec = pipeline("uhop") {
            stageOne {
                learned {
                    loss = SeparationLoss.AVG; t = 3.t; epochs = 7; learningRate = 0.5.lr
                    schedule = KernelTrainer.Schedule.CUMULATIVE; seed = 9; firstHalf = true
                }
            }
            stageTwo { map = sparsemax; beta = 2.beta }
        }
        dslStates(spec) shouldBe javaStates { store ->
            val kernel = KernelTrainer.builder().loss(SeparationLoss.AVG).t(3.0).epochs(7).learningRate(0.5)
                .schedule(KernelTrainer.Schedule.CUMULATIVE).seed(9).firstHalf().build().train(store)
            kernel.retriever(store).map(Separation.sparsemax()).beta(2.0)
        }
    }

    test("loaded kernel = LearnedKernel.load") {
        val file = kotlin.io.path.createTempFile(suffix = ".npy")
        MemoryStore.ofFloat(data, m, d).use { KernelTrainer.builder().epochs(3).build().train(it).save(file) }
        val spec = pipeline("loaded") { stageOne { load(file) } }
        dslStates(spec) shouldBe javaStates {
            org.hopfield4j.LearnedKernel.load(file).retriever(it).map(Separation.softmax())
        }
        file.toFile().delete()
    }

    test("an experiment scores what Corruption.squaredErrors gives") {
        val rows = experiment {
            memories { array(data, m, d) }
            queries = noise(0.8)
            seed = 5
            pipeline("dense") { stageTwo { beta = 4.beta } }
            metrics(sse, successRate(threshold = 0.1))
        }.run()
        rows shouldHaveSize 2
        val retrieved = javaStates { Retriever.builder(it).map(Separation.softmax()).beta(4.0) }
        val errors = Corruption.squaredErrors(data, retrieved, m, d)
        rows[0].metric shouldBe "sse"
        rows[0].value shouldBe (errors.average() plusOrMinus 1e-12)
        rows[1].value shouldBe errors.count { it <= 0.1 } / m.toDouble()
    }

    test("pipelines with the same stage I retrieve as if each had trained its own kernel") {
        val uhop: KernelScope.() -> Unit = { learned { epochs = 6; seed = 3 } }
        val dense = pipeline("uhop-dense") { stageOne(uhop); stageTwo { map = softmax } }
        val sparse = pipeline("uhop-sparse") { stageOne(uhop); stageTwo { map = sparsemax } }
        val rows = experiment {
            memories { array(data, m, d) }
            queries = noise(0.8)
            seed = 5
            pipeline(dense)
            pipeline(sparse)
        }.run()
        for ((row, spec) in rows.zip(listOf(dense, sparse))) {
            row.value shouldBe Corruption.squaredErrors(data, dslStates(spec), m, d).average()
        }
    }

    test("separationLoss is the learned kernel's last recorded loss, NaN without one") {
        val rows = experiment {
            memories { array(data, m, d) }
            pipeline("uhop") { stageOne { learned { epochs = 4; seed = 1 } } }
            pipeline("dense") {}
            metrics(separationLoss)
        }.run()
        val kernel = MemoryStore.ofFloat(data, m, d).use { KernelTrainer.builder().epochs(4).seed(1).build().train(it) }
        rows[0].metric shouldBe "loss"
        rows[0].value shouldBe kernel.lossHistory().last()
        rows[1].value.isNaN() shouldBe true
    }

    test("a sweep is the tidy product of its axes") {
        val table = sweep {
            memorySizes(4, 8)
            noiseNorms(0.1, 0.5)
            seeds(2)
            experiment { p ->
                memories { array(data, m, d); sample(p.memories, p.seed) }
                queries = noise(p.sigma)
                pipeline("dense") { stageTwo { map = softmax } }
                pipeline("sparse") { stageTwo { map = sparsemax } }
            }
        }.run()
        table shouldHaveSize 2 * 2 * 2 * 2
        table.map { it.memories }.toSet() shouldBe setOf(4, 8)
        table.map { it.parameters["sigma"] }.toSet() shouldBe setOf(0.1, 0.5)
        table.toTsv().lines().first() shouldBe "pipeline\tmemories\tcorruption\tseed\tM\tsigma\tmetric\tvalue"
    }
})
