package org.hopfield4j.dsl

import org.hopfield4j.experiment.MemoryRetrievalExperiment
import org.hopfield4j.experiment.ResultTable
import java.util.Locale

/**
 * One [metric] of [pipeline] at the value [at] of a sweep axis, over the seeds of a sweep: [mean]
 * and sample standard deviation [std] (n − 1; 0 for one seed) of the [seeds] values.
 */
data class SeedSummary(
    val pipeline: String,
    val at: Any,
    val metric: String,
    val mean: Double,
    val std: Double,
    val seeds: Int,
)

/**
 * The results of a sweep over [axis] (`M`, `sigma` or `epochs`) and seeds summarised over the
 * seeds: per pipeline, value of the axis and metric, in the order they first occur.
 */
fun List<ResultRow>.overSeeds(axis: String): List<SeedSummary> =
    groupBy { r ->
        val at = requireNotNull(r.parameters[axis]) { "the results have no sweep axis '$axis' (they have ${r.parameters.keys})" }
        Triple(r.pipeline, at, r.metric)
    }.map { (key, rows) ->
        // another swept axis would be averaged in as if it were seeds
        require(rows.distinctBy { it.seed }.size == rows.size) {
            "${key.first} at $axis=${key.second} has several results per seed: the sweep has another axis than $axis and seeds"
        }
        val (mean, std) = MemoryRetrievalExperiment.meanStd(rows.map { it.value }.toDoubleArray())
        SeedSummary(key.first, key.second, key.third, mean, std, rows.size)
    }

/**
 * A table of [metric] with one line per pipeline and one column per value of [axis], each cell
 * `mean ± std`: for reading (the numbers of [toCsv] rounded to 3 decimals).
 */
fun List<SeedSummary>.table(axis: String, metric: String = "sse"): String {
    val rows = filter { it.metric == metric }
    require(rows.isNotEmpty()) { "no metric '$metric' in the summary (it has ${map { it.metric }.distinct()})" }
    val columns = rows.map { it.at }.distinct()
    val cells = rows.groupBy { it.pipeline }.mapValues { (_, byAt) ->
        columns.map { at -> byAt.find { it.at == at }?.let { "%.3f ± %.3f".format(Locale.ROOT, it.mean, it.std) } ?: "" }
    }
    val header = listOf("model") + columns.map { "$axis=$it" }
    val lines = listOf(header) + cells.map { (pipeline, values) -> listOf(pipeline) + values }
    val widths = header.indices.map { c -> lines.maxOf { it[c].length } }
    return lines.joinToString("\n") { line ->
        line.mapIndexed { c, cell -> if (c == 0) cell.padEnd(widths[c]) else cell.padStart(widths[c]) }.joinToString("  ")
    }
}

/**
 * The summary as CSV in the layout of the `experiment` commands: `model,<axis>,mean,std,seeds`
 * for [metric], with `<name>_mean,<name>_std` before `seeds` for each of [also] (the epochs
 * experiment's `model,epochs,mean,std,loss_mean,loss_std,seeds` is `toCsv("epochs", also = listOf("loss"))`).
 * Written by the commands' [ResultTable]: numbers with 6 decimals (6 significant digits below 10⁻³), as the commands write them.
 */
fun List<SeedSummary>.toCsv(axis: String, metric: String = "sse", also: List<String> = emptyList()): String {
    val byKey = associateBy { Triple(it.pipeline, it.at, it.metric) }
    val pipelines = map { it.pipeline }.distinct()
    val header = listOf("model", axis, "mean", "std") + also.flatMap { listOf("${it}_mean", "${it}_std") } + "seeds"
    val table = ResultTable(*header.toTypedArray())   // the commands' formatter: the same digits
    // model by model (each over the axis), as the commands write it
    filter { it.metric == metric }.sortedBy { pipelines.indexOf(it.pipeline) }.forEach { s ->
        val extra = also.flatMap { m ->
            val o = requireNotNull(byKey[Triple(s.pipeline, s.at, m)]) { "no metric '$m' for ${s.pipeline} at $axis=${s.at}" }
            listOf(o.mean, o.std)
        }
        table.add(*(listOf(s.pipeline, s.at, s.mean, s.std) + extra + s.seeds).toTypedArray())
    }
    return table.csv()
}

/**
 * Calls [action] with each summary of [metric] as a point of a line per pipeline: the pipeline, the
 * value of the sweep axis as a number, the mean and the std, in the summary's order. For a plot with
 * error bars, e.g. `summary.forEachPoint(action = chart::add)` with the samples' `ErrorBarChart`.
 */
fun List<SeedSummary>.forEachPoint(metric: String = "sse", action: (pipeline: String, at: Double, mean: Double, std: Double) -> Unit) {
    val rows = filter { it.metric == metric }
    require(rows.isNotEmpty()) { "no metric '$metric' in the summary (it has ${map { it.metric }.distinct()})" }
    for (s in rows) {
        val at = requireNotNull(s.at as? Number) { "${s.pipeline}: the axis value ${s.at} is not a number" }
        action(s.pipeline, at.toDouble(), s.mean, s.std)
    }
}
