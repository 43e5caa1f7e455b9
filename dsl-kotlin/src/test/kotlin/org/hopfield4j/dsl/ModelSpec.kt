package org.hopfield4j.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.hopfield4j.MapKind
import org.hopfield4j.Precision
import org.hopfield4j.Separation
import org.hopfield4j.nn.Batch
import org.hopfield4j.nn.Hopfield
import org.hopfield4j.nn.HopfieldPooling
import org.hopfield4j.nn.Linear
import org.hopfield4j.nn.Model

/** model { }: the declared network is the one the Java API builds; widths are tracked; wrong maps fail. */
class ModelSpec : FunSpec({
    test("model { } builds the same network as the Java API, seeds included") {
        val dsl = model(input = 6, seed = 3) {
            linear(8); relu()
            hopfieldPooling(queries = 2) { map = sparsemax; heads = 4 }
            linear(1)
        }
        val java = Model.of(
            Linear(6, 8, true, 3), org.hopfield4j.nn.Activation.relu(),
            Hopfield.builder(8).heads(4).separation(Separation.sparsemax()).seed(3 + 32).buildPooling(2),
            Linear(16, 1, true, 3 + 48))
        val x = Batch.ofBags(listOf(DoubleArray(18) { it * 0.1 - 0.7 }, DoubleArray(6) { 0.2 * it }), 6)
        dsl.forward(x, false).values().toList() shouldBe java.forward(x, false).values().toList()
        (dsl.layers()[2] as HopfieldPooling).settings().heads() shouldBe 4
    }

    test("learned alpha, U-Hop and the other options reach the layer") {
        val net = model(input = 4) {
            hopfield {
                learnedAlpha(1.3.alpha); heads = 2; steps = 2; kernel = 3; dropout = 0.1
                uhop { epochs = 2; learningRate = 0.1.lr }
            }
        }
        val s = (net.layers()[0] as Hopfield).settings()
        s.learnAlpha() shouldBe true
        s.alphas().toList() shouldBe listOf(1.3, 1.3)
        s.updateSteps() shouldBe 2
        s.kernelDim() shouldBe 3
        s.uhop()!!.training().epochs() shouldBe 2
    }

    test("the model's precision reaches its linear and Hopfield layers") {
        val net = model(input = 4, precision = Precision.FLOAT32) { linear(8); hopfieldPooling { heads = 2 }; linear(1) }
        (net.layers()[0] as Linear).precision() shouldBe Precision.FLOAT32
        (net.layers()[1] as HopfieldPooling).settings().precision() shouldBe Precision.FLOAT32
        (net.layers()[2] as Linear).precision() shouldBe Precision.FLOAT32
        (model(input = 4) { hopfield() }.layers()[0] as Hopfield).settings().precision() shouldBe Precision.FLOAT64
    }

    test("only separation maps fit a layer, and bad values fail with the library's message") {
        shouldThrow<IllegalArgumentException> { model(input = 4) { hopfield { map = poly(2) } } }
            .message shouldContain "a Hopfield layer needs a separation map"
        shouldThrow<IllegalArgumentException> { model(input = 4) { dropout(1.0) } }.message shouldContain "[0, 1)"
        model(input = 4) { hopfield { map = map("normmax", 2) } }.layers().size shouldBe 1
        MapKind.NORMMAX.isSeparation shouldBe true
    }
})
