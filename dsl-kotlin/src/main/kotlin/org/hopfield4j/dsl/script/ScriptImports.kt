package org.hopfield4j.dsl.script

import java.io.File
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptCollectedData
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.ScriptConfigurationRefinementContext
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.SourceCode
import kotlin.script.experimental.api.asSuccess
import kotlin.script.experimental.api.collectedAnnotations
import kotlin.script.experimental.api.importScripts
import kotlin.script.experimental.api.with
import kotlin.script.experimental.host.FileBasedScriptSource
import kotlin.script.experimental.host.toScriptSource

/**
 * `@file:Import("shared.hop.kts")` at the top of a script: the named scripts (paths relative to the
 * importing script) are compiled and run with it, before it, and their declarations are visible in it.
 */
@Target(AnnotationTarget.FILE)
@Repeatable
@Retention(AnnotationRetention.SOURCE)
annotation class Import(vararg val paths: String)

/** How [Import] works: the compiler's refinement handler, and the same list read off the text for the cache key. */
internal object ScriptImports {
    private val IMPORT = Regex("""@file\s*:\s*Import\s*\(([^)]*)\)""")
    private val QUOTED = Regex(""""([^"]*)"""")

    /** Adds the scripts named by the [Import] annotations the compiler collected to the compilation. */
    fun refine(context: ScriptConfigurationRefinementContext): ResultWithDiagnostics<ScriptCompilationConfiguration> {
        val annotations = context.collectedData?.get(ScriptCollectedData.collectedAnnotations)
            ?.filter { it.annotation is Import }.orEmpty()
        if (annotations.isEmpty()) return context.compilationConfiguration.asSuccess()
        val dir = (context.script as? FileBasedScriptSource)?.file?.absoluteFile?.parentFile
        val imported = mutableListOf<SourceCode>()
        for (found in annotations) {
            for (path in (found.annotation as Import).paths) {
                val file = resolve(dir, path)
                if (!file.isFile) {
                    return ResultWithDiagnostics.Failure(ScriptDiagnostic(ScriptDiagnostic.unspecifiedError,
                        "@file:Import: no such script $file", ScriptDiagnostic.Severity.ERROR,
                        context.script.locationId, found.location?.locationInText))
                }
                imported += file.toScriptSource()
            }
        }
        return context.compilationConfiguration.with { importScripts.append(imported) }.asSuccess()
    }

    /**
     * [script] and every script it imports, directly or through another import, each once, [script]
     * first, with its text; a missing import is left out (the compiler reports it).
     */
    fun closure(script: File): List<ScriptText> {
        val seen = LinkedHashMap<File, ScriptText>()
        fun visit(file: File) {
            val canonical = file.canonicalFile
            if (canonical in seen || !canonical.isFile) return
            val text = ScriptText(canonical, canonical.readText())
            seen[canonical] = text
            importedPaths(text.text).forEach { visit(resolve(canonical.parentFile, it)) }
        }
        visit(script)
        return seen.values.toList()
    }

    /** The paths of the `@file:Import(...)` lines of [text], in order. */
    fun importedPaths(text: String): List<String> =
        IMPORT.findAll(text).flatMap { m -> QUOTED.findAll(m.groupValues[1]).map { it.groupValues[1] } }.toList()

    private fun resolve(dir: File?, path: String): File = File(path).let { if (it.isAbsolute || dir == null) it else File(dir, path) }
}

/** A script file and the text it had when it was read (what is compiled is what was keyed and scanned). */
internal data class ScriptText(val file: File, val text: String)
