// Memory capacity on real MNIST (the paper's first experiment): store M digits, query each with half
// its pixels zeroed, and compare the retrieval error of the eight models. The protocol is the one
// `experiment capacity` runs (core-java's ProtocolSweep): the same arguments write the same CSV rows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-capacity.hop.kts [--csv FILE] [--png FILE]
// Options: --sizes M,... --seeds N --epochs N (U-Hop stage I) --data-dir DIR --dataset mnist|synthetic;
// small defaults, the paper's sizes are --sizes 10,20,30,50,100,200,500 (several minutes)
import org.hopfield4j.plot.ErrorBarChart
import org.hopfield4j.plot.SweepCharts

val sizes = intsArg("sizes", 10, 50, 100)
val seedCount = intArg("seeds", 2)
val stageOneEpochs = intArg("epochs", 100)
val digits = Datasets.named(stringArg("dataset"), pathArg("data-dir"))   // default: MNIST from $HOPFIELD4J_DATA, else data/ beside the jar

val summary = paperProtocol(digits) {
    seeds = seedCount
    uhop { epochs = stageOneEpochs }                 // U-Hop's stage I; the other settings are the paper's
}.capacity(sizes, masking())                         // the paper's: each pixel zeroed with p = 0.5, the rest kept

println("Memory capacity, ${digits.count()} images: summed squared error of masked queries, mean ± std over $seedCount seeds")
println(summary.overSeeds().table("M"))
outputArg("csv")?.toFile()?.writeText(summary.table().csv())   // model,M,mean,std,seeds: `experiment capacity`'s file
outputArg("png")?.let { png ->                                   // one line per model, ± std bars, as the command's plot
    ErrorBarChart.save(png, *SweepCharts.of(summary, "${digits.count()} images, masking zero, mean ± std over $seedCount seeds"))
}
