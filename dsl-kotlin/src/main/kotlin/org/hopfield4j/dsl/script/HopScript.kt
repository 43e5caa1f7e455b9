package org.hopfield4j.dsl.script

import kotlin.script.experimental.annotations.KotlinScript
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.defaultImports
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
        it.toIntOrNull() ?: throw IllegalArgumentException("--$name must be an integer, got '$it'")
    } ?: default

    /** The argument `--name VALUE` or `--name=VALUE`, or null. */
    fun stringArg(name: String): String? {
        val flag = "--$name"
        args.forEachIndexed { i, a ->
            if (a == flag) return args.getOrNull(i + 1) ?: throw IllegalArgumentException("$flag needs a value")
            if (a.startsWith("$flag=")) return a.substring(flag.length + 1)
        }
        return null
    }
}

/** Compilation settings of [HopScript]: default imports and the host's classpath. */
object HopScriptConfiguration : ScriptCompilationConfiguration({
    defaultImports(
        "org.hopfield4j.dsl.*",
        "org.hopfield4j.data.ImageSet",
        "org.hopfield4j.data.Corruption",
        "org.hopfield4j.SeparationLoss",
        "org.hopfield4j.KernelTrainer",
        "java.nio.file.Path",
    )
    jvm {
        dependenciesFromCurrentContext(wholeClasspath = true)
    }
}) {
    private fun readResolve(): Any = HopScriptConfiguration
}
