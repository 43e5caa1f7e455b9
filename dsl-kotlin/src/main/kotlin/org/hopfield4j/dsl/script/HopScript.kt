package org.hopfield4j.dsl.script

import java.nio.file.Files
import java.nio.file.Path
import kotlin.script.experimental.annotations.KotlinScript
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.api.refineConfiguration
import kotlin.script.experimental.jvm.dependenciesFromCurrentContext
import kotlin.script.experimental.jvm.jvm

/**
 * The base of `*.hop.kts` experiment scripts: the hopfield4j DSL and data loaders are imported by
 * default, and the command-line arguments after the script path are [args].
 */
@KotlinScript(fileExtension = "hop.kts", compilationConfiguration = HopScriptConfiguration::class)
abstract class HopScript(
    /** The arguments after the script path, e.g. `--size 20`. */
    val args: Array<String>,
) {
    /** The integer argument `--name N` or `--name=N`, or [default] if it is absent. */
    fun intArg(name: String, default: Int): Int = stringArg(name)?.let {
        it.toIntOrNull() ?: throw ScriptArgumentException("--$name must be an integer, got '$it'")
    } ?: default

    /** The comma-separated integers of `--name 10,20,50`, or [default] if it is absent. */
    fun intsArg(name: String, vararg default: Int): IntArray = stringArg(name)?.let { list ->
        list.split(',').map { it.trim().toIntOrNull() ?: badList(name, "integers", list) }.toIntArray()
    } ?: default

    /** The comma-separated numbers of `--name 0,0.5,1`, or [default] if it is absent. */
    fun doublesArg(name: String, vararg default: Double): DoubleArray = stringArg(name)?.let { list ->
        list.split(',').map { it.trim().toDoubleOrNull() ?: badList(name, "numbers", list) }.toDoubleArray()
    } ?: default

    /** The path of `--name FILE`, or null if it is absent. */
    fun pathArg(name: String): Path? = stringArg(name)?.let { Path.of(it) }

    /** The path of `--name FILE` to write, its directory created if missing (as `experiment --out`), or null. */
    fun outputArg(name: String): Path? = pathArg(name)?.also { file ->
        file.toAbsolutePath().parent?.let { Files.createDirectories(it) }
    }

    /** The argument `--name VALUE` or `--name=VALUE`, or null. */
    fun stringArg(name: String): String? {
        val flag = "--$name"
        args.forEachIndexed { i, a ->
            if (a == flag) return args.getOrNull(i + 1) ?: throw ScriptArgumentException("$flag needs a value")
            if (a.startsWith("$flag=")) return a.substring(flag.length + 1)
        }
        return null
    }

    private fun badList(name: String, what: String, list: String): Nothing =
        throw ScriptArgumentException("--$name must be $what separated by commas, got '$list'")
}

/**
 * A script argument the script cannot use (not a number, an integer out of Int's range, a flag without
 * its value): the user's mistake on the command line, not the script's, so `hopfield4j run` reports it
 * as a usage error (exit 2, one line naming the argument) rather than as the script failing.
 */
class ScriptArgumentException(message: String) : IllegalArgumentException(message)

/** Compilation settings of [HopScript]: default imports, `@file:Import`, and the host's classpath. */
object HopScriptConfiguration : ScriptCompilationConfiguration({
    defaultImports(
        "org.hopfield4j.dsl.script.Import",
        "org.hopfield4j.dsl.*",
        "org.hopfield4j.data.ImageSet",
        "org.hopfield4j.data.StandardDataset.Split",
        "org.hopfield4j.data.Corruption",
        "org.hopfield4j.SeparationLoss",
        "org.hopfield4j.KernelTrainer",
        "java.nio.file.Path",
    )
    refineConfiguration {
        onAnnotations(Import::class, handler = ScriptImports::refine)
    }
    jvm {
        dependenciesFromCurrentContext(wholeClasspath = true)
    }
}) {
    private fun readResolve(): Any = HopScriptConfiguration
}
