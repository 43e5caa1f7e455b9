package org.hopfield4j.dsl.script

/**
 * The flags a script reads, found in its text (and its imports') before it runs, so that a mistyped
 * flag (`--szie 5`) stops the run at once instead of being ignored while the script runs with its default.
 */
internal object ScriptArguments {
    /** A call of one of [HopScript]'s argument readers, and what follows the parenthesis. */
    private val READ = Regex("""\b(?:int|ints|doubles|string|path|output)Arg\s*\(\s*(?:"([A-Za-z0-9_.-]+)"\s*[,)])?""")
    private val RAW_ARGS = Regex("""\bargs\b""")

    /**
     * The names the scripts read (`intArg("size", 200)` reads `size`), or null when the text does not
     * tell them all: a name that is not a plain string literal, or `args` read directly.
     */
    fun declared(texts: List<String>): Set<String>? {
        val names = sortedSetOf<String>()
        for (text in texts) {
            val code = text.lineSequence().map { it.substringBefore("//") }.joinToString("\n")
            if (RAW_ARGS.containsMatchIn(code)) return null
            for (read in READ.findAll(code)) {
                names += read.groups[1]?.value ?: return null
            }
        }
        return names
    }

    /** One line naming the first argument of [args] that is not a flag in [known], and the known ones; null if all are. */
    fun unknown(args: List<String>, known: Set<String>): String? {
        var i = 0
        while (i < args.size) {
            val arg = args[i]
            val name = arg.removePrefix("--").substringBefore('=')
            if (!arg.startsWith("--") || name !in known) {
                val takes = if (known.isEmpty()) "this script takes no arguments"
                else "this script takes " + known.joinToString(", ") { "--$it" }
                return "unknown argument '$arg': $takes"
            }
            i += if ('=' in arg) 1 else 2   // the flag's value may itself start with "--"
        }
        return null
    }
}
