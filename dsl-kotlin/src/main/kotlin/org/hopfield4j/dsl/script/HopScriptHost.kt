package org.hopfield4j.dsl.script

import java.io.File
import java.io.OutputStream
import java.io.PrintStream
import java.lang.ref.Reference
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.ScriptEvaluationConfiguration
import kotlin.script.experimental.api.SourceCode
import kotlin.script.experimental.api.asSuccess
import kotlin.script.experimental.api.constructorArgs
import kotlin.script.experimental.host.FileScriptSource
import kotlin.script.experimental.host.toScriptSource
import kotlin.script.experimental.jvmhost.BasicJvmScriptingHost
import kotlin.script.experimental.jvmhost.createJvmCompilationConfigurationFromTemplate
import kotlin.script.experimental.jvmhost.createJvmEvaluationConfigurationFromTemplate

/** What running a `*.hop.kts` script came to. */
sealed interface ScriptOutcome {
    /** The script ran to the end. */
    data object Success : ScriptOutcome

    /** The script did not compile: one `file:line:column message` per error. */
    data class CompileErrors(val messages: List<String>) : ScriptOutcome

    /** The script threw [error]; [message] is `file:line: Type: message` at the script's own line. */
    data class Failed(val error: Throwable, val message: String) : ScriptOutcome

    /**
     * The Kotlin compiler itself failed before the script ran (say it ran out of heap): [error] is not
     * the script's, and [message] says so in one line.
     */
    data class CompilerFailed(val error: Throwable, val message: String) : ScriptOutcome
}

/** Compiles (once per content, [CompiledScriptCache]) and runs `*.hop.kts` scripts with the embedded Kotlin compiler (from Maven Central). */
object HopScriptHost {
    /** Compiles only: the errors (empty if the script compiles). */
    fun compile(script: File): List<String> {
        val host = BasicJvmScriptingHost()
        val result = host.runInCoroutineContext { host.compiler(script.toScriptSource(), compilation) }
        return errors(script, result)
    }

    /**
     * Compiles [script] (or takes it from the [CompiledScriptCache]) and runs it with [args]. An
     * argument that is not one of the flags the script reads fails before anything runs. Compiling and
     * evaluating are separate steps (what `BasicJvmScriptingHost.eval` does in one) so that an exception
     * of the compiler, such as an `OutOfMemoryError`, is never reported as the script's own error.
     */
    fun run(script: File, args: List<String> = emptyList()): ScriptOutcome {
        val sources = ScriptImports.closure(script)
        if (sources.isEmpty()) return ScriptOutcome.CompileErrors(listOf("${script.path}: no such script"))
        ScriptArguments.declared(sources.map { it.text })?.let { known ->
            ScriptArguments.unknown(args, known)?.let { return ScriptOutcome.Failed(ScriptArgumentException(it), it) }
        }
        val evaluation = createJvmEvaluationConfigurationFromTemplate<HopScript> {
            constructorArgs(args.toTypedArray())
        }
        val host = BasicJvmScriptingHost()
        val found = compileOrLoad(host, script, sources, evaluation)
            ?: return compilerFailed(script, OutOfMemoryError("Java heap space"))
        val compiled = when (found) {
            is ResultWithDiagnostics.Success -> found.value
            is ResultWithDiagnostics.Failure -> {
                val errors = errors(script, found)
                val thrown = found.reports.firstNotNullOfOrNull { it.exception }
                if (thrown != null && errors.isEmpty()) return compilerFailed(script, thrown)
                return ScriptOutcome.CompileErrors(errors.ifEmpty { found.reports.map { oneLine("${script.path}: ${it.message}") } })
            }
        }
        val result = host.runInCoroutineContext { host.evaluator(compiled, evaluation) }
        if (result is ResultWithDiagnostics.Failure) {
            val thrown = result.reports.firstNotNullOfOrNull { it.exception }
            if (thrown != null) return ScriptOutcome.Failed(thrown, describe(script, thrown))
            return ScriptOutcome.CompileErrors(result.reports.map { oneLine("${script.path}: ${it.message}") })
        }
        val value = (result as ResultWithDiagnostics.Success).value.returnValue
        if (value is ResultValue.Error) return ScriptOutcome.Failed(value.error, describe(script, value.error))
        return ScriptOutcome.Success
    }

    /**
     * The cached compiled script if its classes load, else a fresh compilation (stored for the next run);
     * null if the compiler ran out of heap.
     */
    private fun compileOrLoad(
        host: BasicJvmScriptingHost, script: File, sources: List<ScriptText>, evaluation: ScriptEvaluationConfiguration,
    ): ResultWithDiagnostics<CompiledScript>? {
        val cache = CompiledScriptCache.default()
        val key = CompiledScriptCache.key(sources)
        cache?.load(key)?.let { cached ->
            // a damaged entry may only show when its classes load (it can throw, not just fail): then it is a miss
            val loads = runCatching { host.runInCoroutineContext { cached.getClass(evaluation) } }.getOrNull()
            if (loads is ResultWithDiagnostics.Success) return cached.asSuccess()
        }
        val source = FileScriptSource(script, sources.first().text)   // compile the text that was keyed
        return compileQuietly(host, source)?.also {
            if (it is ResultWithDiagnostics.Success) cache?.store(key, it.value)
        }
    }

    private val compilation by lazy { createJvmCompilationConfigurationFromTemplate<HopScript>() }

    /**
     * Compiles [source]; null if the compiler ran out of heap. The compiler logs what it cannot read
     * (with stack traces) to System.err, which is not the user's business: that output is dropped, the
     * outcome says what happened. A 1 MiB reserve is freed when the heap runs out, so that there is
     * room to report it.
     */
    private fun compileQuietly(host: BasicJvmScriptingHost, source: SourceCode): ResultWithDiagnostics<CompiledScript>? {
        val savedErr = System.err
        var reserve: ByteArray? = ByteArray(1 shl 20)
        System.setErr(PrintStream(OutputStream.nullOutputStream()))
        try {
            return host.runInCoroutineContext { host.compiler(source, compilation) }
        } catch (e: OutOfMemoryError) {
            reserve = null
            return null
        } finally {
            System.setErr(savedErr)
            Reference.reachabilityFence(reserve)
        }
    }

    /** The compiler's own failure, in one line; an OutOfMemoryError anywhere in its causes is the error. */
    private fun compilerFailed(script: File, thrown: Throwable): ScriptOutcome.CompilerFailed {
        val error = generateSequence(thrown) { it.cause }.firstOrNull { it is OutOfMemoryError } ?: thrown
        return ScriptOutcome.CompilerFailed(error, oneLine(
            "${script.path}: the Kotlin compiler failed before the script ran: ${error.javaClass.simpleName}: ${error.message}"))
    }

    private fun errors(script: File, result: ResultWithDiagnostics<*>): List<String> =
        result.reports.filter { it.severity >= ScriptDiagnostic.Severity.ERROR && it.exception == null }.map { r ->
            val file = r.sourcePath ?: script.path   // an error in an imported script names that script
            val start = r.location?.start
            val where = if (start != null) "$file:${start.line}:${start.col}" else file
            oneLine("$where: ${r.message}")
        }

    /** `file:line: Type: message`, the line being the innermost frame in the script. */
    fun describe(script: File, error: Throwable): String {
        val frame = generateSequence(error) { it.cause }.flatMap { it.stackTrace.asSequence() }
            .firstOrNull { it.fileName == script.name }
        val where = if (frame != null) "${script.path}:${frame.lineNumber}" else script.path
        return oneLine("$where: ${error.javaClass.simpleName}: ${error.message}")
    }

    /** Line breaks (and the blanks around them) become one space: every message is one line. */
    private fun oneLine(message: String): String = message.trim().replace(Regex("\\s*[\\r\\n]+\\s*"), " ")
}
