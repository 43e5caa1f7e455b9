package org.hopfield4j.dsl.script

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.File
import java.nio.file.Files

/** The `*.hop.kts` host: nonsense does not compile; failures point at the script's line. */
class ScriptHostSpec : FunSpec({
    val dir = Files.createTempDirectory("hopscripts").toFile()
    fun script(name: String, text: String) = File(dir, "$name.hop.kts").apply { writeText(text.trimIndent()) }

    test("a well-typed script compiles with the default imports") {
        HopScriptHost.compile(script("ok", """
            val spec = pipeline("p") { stageOne { learned { t = 2.t } }; stageTwo { map = entmax(1.5.alpha) } }
            val data: ImageSet = Datasets.randomBinary(4, 8)
            println(spec)
        """)).shouldBeEmpty()
    }

    test("alpha on sparsemax does not compile") {
        val errors = HopScriptHost.compile(script("alpha", """
            val p = pipeline("p") {
                stageTwo { map = sparsemax(1.5.alpha) }
            }
        """))
        errors.shouldNotBeEmpty()
        errors.first() shouldMatch Regex(""".*alpha\.hop\.kts:2:\d+: .+""")
    }

    test("kernel options outside a learned-kernel block do not compile") {
        HopScriptHost.compile(script("epochs", """
            val p = pipeline("p") { stageTwo { epochs = 10 } }
        """)).shouldNotBeEmpty()
        // @DslMarker: stage I cannot be declared from inside stage II
        HopScriptHost.compile(script("scope", """
            val p = pipeline("p") { stageTwo { stageOne { learned() } } }
        """)).shouldNotBeEmpty()
        // a raw Double is not a Beta
        HopScriptHost.compile(script("raw", """
            val p = pipeline("p") { stageTwo { beta = 2.0 } }
        """)).shouldNotBeEmpty()
    }

    test("a compile error is reported as file:line:column message") {
        val outcome = HopScriptHost.run(script("broken", """
            println("fine")
            val x: Int = "text"
        """))
        outcome.shouldBeInstanceOf<ScriptOutcome.CompileErrors>()
        outcome.messages.first() shouldMatch Regex(""".*broken\.hop\.kts:2:\d+: .*""")
    }

    test("a script that throws is reported at its own line") {
        val outcome = HopScriptHost.run(script("throws", """
            println("start")

            val b = Beta(0.0)
        """))
        outcome.shouldBeInstanceOf<ScriptOutcome.Failed>()
        outcome.message shouldContain "throws.hop.kts:3: IllegalArgumentException: beta must be finite and > 0, got 0.0"
    }

    test("arguments reach the script") {
        val out = File(dir, "out.txt")
        val outcome = HopScriptHost.run(script("args", """
            java.io.File("${out.path}").writeText(listOf(intArg("size", 1), intArg("other", 5),
                intsArg("sizes", 9).toList(), intsArg("none", 1, 2).toList(), doublesArg("sigmas").toList(),
                pathArg("csv"), pathArg("absent")).joinToString(" "))
        """), listOf("--size", "7", "--sizes", "10, 20", "--sigmas=0,0.5", "--csv", "out.csv"))
        outcome shouldBe ScriptOutcome.Success
        out.readText() shouldBe "7 5 [10, 20] [1, 2] [0.0, 0.5] out.csv null"
    }

    test("a malformed list argument names the argument and the value") {
        val outcome = HopScriptHost.run(script("badlist", """
            val sizes = intsArg("sizes", 10)
        """), listOf("--sizes", "10;20"))
        outcome.shouldBeInstanceOf<ScriptOutcome.Failed>()
        outcome.message shouldContain "--sizes must be integers separated by commas, got '10;20'"
    }
})
