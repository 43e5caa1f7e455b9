package org.hopfield4j.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** Values the types cannot rule out are rejected at construction with a clear message. */
class ValidationSpec : FunSpec({
    test("typed values validate on construction") {
        shouldThrow<IllegalArgumentException> { Beta(0.0) }.message shouldBe "beta must be finite and > 0, got 0.0"
        shouldThrow<IllegalArgumentException> { Beta(Double.NaN) }.message shouldContain "beta"
        shouldThrow<IllegalArgumentException> { Alpha(0.5) }.message shouldBe "alpha must be finite and >= 1, got 0.5"
        shouldThrow<IllegalArgumentException> { (-1).t }.message shouldContain "temperature t"
        shouldThrow<IllegalArgumentException> { LearningRate(0.0) }.message shouldContain "learning rate"
        shouldThrow<IllegalArgumentException> { NoiseNorm(-0.1) }.message shouldContain "sigma"
        shouldThrow<IllegalArgumentException> { masking(p = 1.0) }.message shouldContain "[0, 1)"
        Beta(2.0).value shouldBe 2.0
    }

    test("paper defaults") {
        val p = pipeline("uhop") { stageOne { learned() } }
        p.map shouldBe softmax
        p.beta shouldBe Beta(1.0)
        p.steps shouldBe 1
        val k = p.kernel as LearnedKernelSpec
        k.t shouldBe Temperature(2.0)
        k.epochs shouldBe 100
        k.learningRate shouldBe LearningRate(1.0)
    }

    test("invalid combinations are rejected with a clear message") {
        shouldThrow<IllegalArgumentException> {
            pipeline("x") { stageOne { learned() }; stageTwo { similarity = negativeL2 } }
        }.message shouldContain "a kernel replaces the similarity"
        shouldThrow<IllegalArgumentException> { pipeline("x") { stageTwo { steps = -1 } } }.message shouldContain "steps"
        shouldThrow<IllegalArgumentException> { learnedKernel { epochs = -3 } }.message shouldContain "epochs"
        shouldThrow<IllegalStateException> { experiment { pipeline("x") {} } }.message shouldContain "no memories"
        shouldThrow<IllegalStateException> {
            memories { array(FloatArray(4), 2, 2); npy("a.npy") }
        }.message shouldContain "exactly one"
        shouldThrow<IllegalArgumentException> {
            experiment { memories { array(FloatArray(4), 2, 2) }; pipeline("a") {}; pipeline("a") {} }
        }.message shouldContain "distinct"
        shouldThrow<IllegalStateException> {
            sweep { experiment { p -> memories { array(FloatArray(4), 2, 2); take(p.memories) }; pipeline("a") {} } }.run()
        }.message shouldContain "memorySizes"
    }
})
