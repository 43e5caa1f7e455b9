package org.hopfield4j.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.math.sqrt

/** Results over seeds: mean and sample std per pipeline and axis value; a readable table; the commands' CSV. */
class SummarySpec : FunSpec({
    fun row(pipeline: String, m: Int, seed: Long, metric: String, value: Double) =
        ResultRow(pipeline, m, "mask(0.5, zero)", seed, metric, value, mapOf("M" to m))

    val rows = listOf(
        row("dense", 10, 0, "sse", 1.0), row("dense", 10, 0, "loss", -2.0),
        row("dense", 10, 1, "sse", 3.0), row("dense", 10, 1, "loss", -4.0),
        row("uhop", 10, 0, "sse", 0.5), row("uhop", 10, 0, "loss", -1.0),
        row("uhop", 10, 1, "sse", 0.5), row("uhop", 10, 1, "loss", -1.0),
        row("dense", 20, 0, "sse", 2.0), row("dense", 20, 0, "loss", -3.0),
        row("dense", 20, 1, "sse", 2.0), row("dense", 20, 1, "loss", -3.0),
        row("uhop", 20, 0, "sse", 1.0), row("uhop", 20, 0, "loss", -1.5),
        row("uhop", 20, 1, "sse", 2.0), row("uhop", 20, 1, "loss", -2.5),
    )

    test("mean and sample standard deviation over seeds, per pipeline, axis value and metric") {
        val summary = rows.overSeeds("M")
        summary.size shouldBe 2 * 2 * 2
        val dense10 = summary.single { it.pipeline == "dense" && it.at == 10 && it.metric == "sse" }
        dense10.mean shouldBe 2.0
        dense10.std shouldBe (sqrt(2.0) plusOrMinus 1e-12)   // values 1 and 3: n − 1 = 1
        dense10.seeds shouldBe 2
        summary.single { it.pipeline == "uhop" && it.at == 10 && it.metric == "sse" }.std shouldBe 0.0
    }

    test("a sweep axis that is not there is an error that names the ones that are") {
        shouldThrow<IllegalArgumentException> { rows.overSeeds("sigma") }.message shouldContain "[M]"
    }

    test("a second swept axis is not averaged in as if it were seeds") {
        val twoAxes = rows.map { it.copy(parameters = it.parameters + ("sigma" to 0.5)) } +
            rows.map { it.copy(parameters = it.parameters + ("sigma" to 1.0)) }
        shouldThrow<IllegalArgumentException> { twoAxes.overSeeds("M") }.message shouldContain "several results per seed"
    }

    test("the table has a line per pipeline and a mean ± std column per axis value") {
        rows.overSeeds("M").table("M").lines() shouldBe listOf(
            "model           M=10           M=20",
            "dense  2.000 ± 1.414  2.000 ± 0.000",
            "uhop   0.500 ± 0.000  1.500 ± 0.707",
        )
        rows.overSeeds("M").table("M", metric = "loss").lines()[1] shouldContain "-3.000 ± 1.414"
        shouldThrow<IllegalArgumentException> { rows.overSeeds("M").table("M", metric = "success") }
    }

    test("CSV in the commands' layout, model by model") {
        rows.overSeeds("M").toCsv("M") shouldBe """
            model,M,mean,std,seeds
            dense,10,2.000000,1.414214,2
            dense,20,2.000000,0.000000,2
            uhop,10,0.500000,0.000000,2
            uhop,20,1.500000,0.707107,2

        """.trimIndent()
        rows.overSeeds("M").toCsv("M", also = listOf("loss")).lines().take(2) shouldBe listOf(
            "model,M,mean,std,loss_mean,loss_std,seeds",
            "dense,10,2.000000,1.414214,-3.000000,1.414214,2",
        )
    }

    test("the points of a metric: pipeline, numeric axis value, mean and std, in the summary's order") {
        val points = mutableListOf<List<Any>>()
        rows.overSeeds("M").forEachPoint("loss") { pipeline, at, mean, std -> points += listOf(pipeline, at, mean, std) }
        points.map { it.take(3) } shouldBe listOf(
            listOf("dense", 10.0, -3.0), listOf("uhop", 10.0, -1.0), listOf("dense", 20.0, -3.0), listOf("uhop", 20.0, -2.0),
        )
        shouldThrow<IllegalArgumentException> { rows.overSeeds("M").forEachPoint("success") { _, _, _, _ -> } }
    }
})
