// Merges the mil.csv files of several `experiment mil` runs of the same protocol (e.g. different training-bag
// counts, same seeds) into one CSV and draws mil.png again from it: how docs/results/mil/mil.csv holds the seven
// counts of two runs. The attention maps are not in a CSV; keep the run's mil-attention.png.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mil-merge.hop.kts --from A.csv,B.csv \
//      --csv OUT.csv [--png OUT.png] [--title TEXT]
import java.nio.file.Files
import java.nio.file.Path
import org.hopfield4j.dsl.script.ScriptArgumentException
import org.hopfield4j.experiment.MilSummary
import org.hopfield4j.plot.ErrorBarChart
import org.hopfield4j.plot.MilCharts

val from = stringArg("from") ?: throw ScriptArgumentException("--from A.csv,B.csv is required")
val merged = MilSummary.merge(from.split(',').map { MilSummary.readCsv(Files.readAllLines(Path.of(it.trim()))) })
val seeds = merged.points().map { it.seeds() }.distinct().joinToString("/")
val title = stringArg("title") ?: "mnist-full bags, digit 9, mean ± std over $seeds seeds"

merged.table().alignedLines().forEach(::println)
outputArg("csv")?.toFile()?.writeText(merged.table().csv())
outputArg("png")?.let { ErrorBarChart.save(it, *MilCharts.of(merged, title)) }
