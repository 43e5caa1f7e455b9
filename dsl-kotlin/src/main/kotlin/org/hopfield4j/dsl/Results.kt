package org.hopfield4j.dsl

/**
 * One observation of a tidy result table: [pipeline] at [memories] memories, queries made by
 * [corruption] with [seed], scored [value] by [metric]; [parameters] holds the sweep's axes.
 */
data class ResultRow(
    val pipeline: String,
    val memories: Int,
    val corruption: String,
    val seed: Long,
    val metric: String,
    val value: Double,
    val parameters: Map<String, Any> = emptyMap(),
)

/** The table as tab-separated values with a header line (sweep axes as extra columns). */
fun List<ResultRow>.toTsv(): String {
    val axes = flatMap { it.parameters.keys }.distinct()
    val header = (listOf("pipeline", "memories", "corruption", "seed") + axes + listOf("metric", "value")).joinToString("\t")
    val lines = map { r ->
        (listOf(r.pipeline, r.memories, r.corruption, r.seed) + axes.map { r.parameters[it] ?: "" } +
            listOf(r.metric, "%.6g".format(java.util.Locale.ROOT, r.value))).joinToString("\t")
    }
    return (listOf(header) + lines).joinToString("\n")
}
