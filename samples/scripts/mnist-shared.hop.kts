// Shared by the mnist-*.hop.kts scripts through `@file:Import("mnist-shared.hop.kts")`: the data, the
// models, the seeds and the output files, declared once. Imported scripts run before the script that
// imports them, with the same arguments.
// Options: --data-dir DIR --dataset mnist|synthetic --models NAME,... --seeds N --csv FILE --png FILE
import org.hopfield4j.experiment.Model
import org.hopfield4j.experiment.SweepSummary
import org.hopfield4j.plot.ErrorBarChart
import org.hopfield4j.plot.SweepCharts

/** The paper's eight models, by the names of `experiment --models`: maps, similarities, then U-Hop. */
val paperModels = Model.paperModels().map { it.label() }

/** The two U-Hop models: they share one learned kernel per run. */
val uhopModels = paperModels.filter { it.startsWith("uhop-") }

/** `--models dense,uhop-sparse` picks some of [paperModels], in that order; null: the script's own choice. */
val chosenModels: List<String>? = stringArg("models")?.split(',')?.map { it.trim() }

val seedCount = intArg("seeds", 2)
val digits = Datasets.named(stringArg("dataset"), pathArg("data-dir"))   // default: MNIST from $HOPFIELD4J_DATA, else data/ beside the jar

/**
 * Writes what `--csv FILE` and `--png FILE` ask for: the summary's CSV (the `experiment` command's file,
 * digit for digit) and its plot (one line per model, ± std bars; with [loss], error and loss side by side).
 */
fun writeFiles(summary: SweepSummary, title: String, loss: String? = null) {
    outputArg("csv")?.toFile()?.writeText(summary.table().csv())
    outputArg("png")?.let { png ->
        ErrorBarChart.save(png, *(if (loss == null) SweepCharts.of(summary, title) else SweepCharts.of(summary, title, loss)))
    }
}
