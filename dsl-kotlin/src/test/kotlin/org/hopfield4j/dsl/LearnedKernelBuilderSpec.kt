package org.hopfield4j.dsl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import org.hopfield4j.KernelTrainer
import org.hopfield4j.RowSelection
import org.hopfield4j.SeparationLoss

/**
 * `learnedKernel { }`'s properties read back what was set (and, unset, the Java defaults), and the
 * spec it builds trains with exactly those settings: every property is one of [KernelTrainer]'s.
 */
class LearnedKernelBuilderSpec : FunSpec({
    test("unset properties read the defaults of KernelTrainer.builder()") {
        val defaults = KernelTrainer.builder().build()
        learnedKernel {
            loss shouldBe defaults.training().loss()
            t shouldBe Temperature(defaults.training().t())
            epochs shouldBe defaults.training().epochs()
            learningRate shouldBe LearningRate(defaults.training().learningRate())
            schedule shouldBe defaults.training().schedule()
            optimizer shouldBe defaults.training().optimizer()
            seed shouldBe defaults.training().seed().asLong
            normalizeFeatures shouldBe defaults.training().normalizeFeatures()
            normalizeRows shouldBe defaults.training().normalizeRows()
            rows shouldBe RowSelection.all()
            firstHalf shouldBe false
        }.trainer.training() shouldBe defaults.training()
    }

    test("every property set reads back and reaches the trainer") {
        val spec = learnedKernel {
            loss = SeparationLoss.DL
            t = 3.t
            epochs = 7
            learningRate = 0.25.lr
            schedule = KernelTrainer.Schedule.INV_SQRT
            optimizer = KernelTrainer.Optimizer.ADAM
            seed = 42
            normalizeFeatures = false
            normalizeRows = false
            firstHalf = true

            loss shouldBe SeparationLoss.DL
            t shouldBe 3.t
            epochs shouldBe 7
            learningRate shouldBe 0.25.lr
            schedule shouldBe KernelTrainer.Schedule.INV_SQRT
            optimizer shouldBe KernelTrainer.Optimizer.ADAM
            seed shouldBe 42L
            normalizeFeatures shouldBe false
            normalizeRows shouldBe false
            firstHalf shouldBe true
            rows shouldBe RowSelection.firstHalf()
        }
        val expected = KernelTrainer.builder().loss(SeparationLoss.DL).t(3.0).epochs(7).learningRate(0.25)
            .schedule(KernelTrainer.Schedule.INV_SQRT).optimizer(KernelTrainer.Optimizer.ADAM).seed(42)
            .normalizeFeatures(false).normalizeRows(false).rows(RowSelection.firstHalf()).build()
        spec.trainer.training() shouldBe expected.training()
        spec.trainer.rows() shouldBe expected.rows()
        spec shouldBe LearnedKernelSpec(expected)
    }

    test("specs that train differently are different kernels, and their label says how") {
        val seven = learnedKernel { epochs = 7; learningRate = 0.5.lr }
        seven shouldBe learnedKernel { epochs = 7; learningRate = 0.5.lr }
        seven.hashCode() shouldBe learnedKernel { epochs = 7; learningRate = 0.5.lr }.hashCode()
        seven shouldNotBe learnedKernel { epochs = 8; learningRate = 0.5.lr }
        seven shouldNotBe learnedKernel { epochs = 7; learningRate = 0.5.lr; firstHalf = true }
        seven.label shouldBe "learned(avg, t=2.0, epochs=7, γ=0.5)"
    }

    test("firstHalf = false selects all rows again; rows and firstHalf are one setting") {
        learnedKernel {
            rows = RowSelection.firstHalf()
            firstHalf shouldBe true
            firstHalf = true
            firstHalf = false
            rows shouldBe RowSelection.all()
        }.trainer.rows() shouldBe RowSelection.all()
    }
})
