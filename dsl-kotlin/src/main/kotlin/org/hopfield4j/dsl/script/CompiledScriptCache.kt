package org.hopfield4j.dsl.script

import java.io.File
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript
import kotlin.script.experimental.jvmhost.loadScriptFromJar
import kotlin.script.experimental.jvmhost.saveToJar

/**
 * Compiled `*.hop.kts` scripts on disk, one jar per key, so that the second run of an unchanged script
 * skips the Kotlin compiler (about 10 s). A key covers everything the compiled classes depend on: the
 * text of the script and of every script it imports, the script's file name (it is in the stack
 * traces), and the host (Kotlin version, Java version, and each classpath entry with its size and
 * modification time: a rebuilt hopfield4j jar is a new key). Entries are written to a temporary file
 * and renamed into place, so concurrent runs see a whole jar or none; an entry that cannot be read is
 * a miss (the script is compiled again and the entry replaced).
 */
internal class CompiledScriptCache(private val dir: Path) {
    /** The compiled script stored under [key], or null if there is none or it cannot be read. */
    fun load(key: String): CompiledScript? {
        val jar = dir.resolve("$key.jar").toFile()
        if (!jar.isFile) return null
        return try {
            jar.loadScriptFromJar()
        } catch (e: Exception) {   // truncated or foreign file: a miss, replaced by the next store
            null
        }
    }

    /** Stores [compiled] under [key]; a cache that cannot be written only costs the next run its speed. */
    fun store(key: String, compiled: CompiledScript) {
        if (compiled !is KJvmCompiledScript) return
        var temp: Path? = null
        try {
            Files.createDirectories(dir)
            temp = Files.createTempFile(dir, ".$key-", ".tmp")
            compiled.saveToJar(temp.toFile())
            try {
                Files.move(temp, dir.resolve("$key.jar"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
            } catch (e: AtomicMoveNotSupportedException) {
                Files.move(temp, dir.resolve("$key.jar"), StandardCopyOption.REPLACE_EXISTING)
            }
        } catch (e: Exception) {
            temp?.let { Files.deleteIfExists(it) }
        }
    }

    companion object {
        /** Set to a directory to move the cache (tests use their own), or to `off` to compile every run. */
        const val PROPERTY = "hopfield4j.script.cache"
        const val ENVIRONMENT = "HOPFIELD4J_SCRIPT_CACHE"

        /**
         * The cache of this user: [PROPERTY], else [ENVIRONMENT], else `$XDG_CACHE_HOME/hopfield4j/scripts`,
         * else `~/.cache/hopfield4j/scripts`; null when set to `off`.
         */
        fun default(): CompiledScriptCache? {
            val chosen = System.getProperty(PROPERTY) ?: System.getenv(ENVIRONMENT)
            if (chosen == "off") return null
            val dir = when {
                !chosen.isNullOrBlank() -> Path.of(chosen)
                !System.getenv("XDG_CACHE_HOME").isNullOrBlank() -> Path.of(System.getenv("XDG_CACHE_HOME"), "hopfield4j", "scripts")
                else -> Path.of(System.getProperty("user.home"), ".cache", "hopfield4j", "scripts")
            }
            return CompiledScriptCache(dir)
        }

        /** The key of [scripts] (the run script first, then its imports) compiled by this host: a SHA-256 in hex. */
        fun key(scripts: List<ScriptText>): String {
            val digest = MessageDigest.getInstance("SHA-256")
            fun add(part: String) {
                digest.update(part.toByteArray(Charsets.UTF_8))
                digest.update(0)
            }
            add(host)
            add(scripts.first().file.name)
            scripts.forEach { add(it.text) }
            return digest.digest().joinToString("") { "%02x".format(it) }
        }

        /** What the compiled classes depend on besides the scripts; computed once per JVM. */
        private val host: String by lazy {
            buildString {
                append("hop.kts cache 1; Kotlin ").append(KotlinVersion.CURRENT)
                append("; Java ").append(Runtime.version().feature())
                for (entry in System.getProperty("java.class.path").split(File.pathSeparator)) {
                    append('\n').append(entry).append(' ').append(stamp(File(entry)))
                }
            }
        }

        /** Size and modification time of a jar; of a class directory, its file count and newest time. */
        private fun stamp(entry: File): String = when {
            entry.isFile -> "${entry.length()} ${entry.lastModified()}"
            entry.isDirectory -> entry.walk().filter { it.isFile }.fold(0L to 0L) { (n, newest), f ->
                (n + 1) to maxOf(newest, f.lastModified())
            }.let { (n, newest) -> "$n $newest" }
            else -> "absent"
        }
    }
}
