package org.hopfield4j.dsl.script

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.File
import java.nio.file.Files

/**
 * What scripts need as people use them: unknown flags stop the run naming the known ones,
 * `@file:Import` shares declarations, and compiled scripts are cached by content.
 */
class ScriptFeaturesSpec : FunSpec({
    val dir = Files.createTempDirectory("hopscript-features").toFile()
    val cache = File(dir, "cache")
    fun script(name: String, text: String) = File(dir, name).apply { writeText(text.trimIndent()) }
    fun cached(): List<File> = cache.listFiles { f -> f.name.endsWith(".jar") }.orEmpty().toList()

    // this spec counts the entries of its own cache; the build's (target/script-cache) comes back after it
    val buildCache: String? = System.getProperty(CompiledScriptCache.PROPERTY)
    beforeSpec { System.setProperty(CompiledScriptCache.PROPERTY, cache.path) }
    afterSpec {
        if (buildCache == null) System.clearProperty(CompiledScriptCache.PROPERTY)
        else System.setProperty(CompiledScriptCache.PROPERTY, buildCache)
    }

    test("an unknown flag fails before the script runs, naming the flags the script reads") {
        val marker = File(dir, "ran.txt")
        val s = script("flags.hop.kts", """
            java.io.File("${marker.path}").writeText("ran")
            val size = intArg("size", 200)
            val sizes = intsArg("sizes", 10)
        """)
        val outcome = HopScriptHost.run(s, listOf("--szie", "5"))
        outcome.shouldBeInstanceOf<ScriptOutcome.Failed>()
        outcome.error.shouldBeInstanceOf<ScriptArgumentException>()
        outcome.message shouldBe "unknown argument '--szie': this script takes --size, --sizes"
        marker.exists() shouldBe false
        HopScriptHost.run(s, listOf("--size=5", "--sizes", "1,2")) shouldBe ScriptOutcome.Success
        marker.exists() shouldBe true
    }

    test("a stray value is an unknown argument too; a script that reads args itself is not checked") {
        val s = script("stray.hop.kts", """val size = intArg("size", 1)""")
        (HopScriptHost.run(s, listOf("--size", "5", "7")) as ScriptOutcome.Failed).message shouldBe
            "unknown argument '7': this script takes --size"
        HopScriptHost.run(script("raw.hop.kts", """println(args.size)"""), listOf("--anything", "1")) shouldBe ScriptOutcome.Success
    }

    test("@file:Import shares declarations, and the imported script's flags are known") {
        val out = File(dir, "import.txt")
        script("shared.hop.kts", """
            val seedCount = intArg("seeds", 2)
            fun twice(x: Int) = 2 * x
        """)
        val s = script("main.hop.kts", """
            @file:Import("shared.hop.kts")
            java.io.File("${out.path}").writeText("${'$'}{twice(seedCount)}")
        """)
        HopScriptHost.run(s, listOf("--seeds", "5")) shouldBe ScriptOutcome.Success
        out.readText() shouldBe "10"
        (HopScriptHost.run(s, listOf("--seed", "5")) as ScriptOutcome.Failed).message shouldContain "takes --seeds"
    }

    test("a missing import is a compile error naming the file") {
        val outcome = HopScriptHost.run(script("orphan.hop.kts", """
            @file:Import("absent.hop.kts")
            println(1)
        """))
        outcome.shouldBeInstanceOf<ScriptOutcome.CompileErrors>()
        outcome.messages.joinToString() shouldContain "absent.hop.kts"
    }

    test("a second run of an unchanged script is served by the cache; changing an import is a new entry") {
        cache.deleteRecursively()
        val out = File(dir, "cached.txt")
        script("lib.hop.kts", """val greeting = "one"""")
        val s = script("user.hop.kts", """
            @file:Import("lib.hop.kts")
            java.io.File("${out.path}").writeText(greeting + intArg("n", 0))
        """)
        HopScriptHost.run(s, listOf("--n", "1")) shouldBe ScriptOutcome.Success
        out.readText() shouldBe "one1"
        val entry = cached().single()
        val written = entry.lastModified()
        Thread.sleep(20)
        HopScriptHost.run(s, listOf("--n", "2")) shouldBe ScriptOutcome.Success   // the arguments are not part of the key
        out.readText() shouldBe "one2"
        cached().single().lastModified() shouldBe written                         // read, not rewritten

        script("lib.hop.kts", """val greeting = "two"""")
        HopScriptHost.run(s, listOf("--n", "3")) shouldBe ScriptOutcome.Success
        out.readText() shouldBe "two3"
        cached() shouldHaveSize 2
    }

    test("a corrupt cache entry is ignored and replaced") {
        cache.deleteRecursively()
        val out = File(dir, "corrupt.txt")
        val s = script("victim.hop.kts", """java.io.File("${out.path}").writeText("fine")""")
        HopScriptHost.run(s) shouldBe ScriptOutcome.Success
        val entry = cached().single()
        val whole = entry.length()
        entry.writeBytes(entry.readBytes().copyOf((whole / 2).toInt()))   // truncated, as by a crash
        out.delete()
        HopScriptHost.run(s) shouldBe ScriptOutcome.Success
        out.readText() shouldBe "fine"
        cached().single().length() shouldBe whole                          // compiled again and stored whole
    }
})
