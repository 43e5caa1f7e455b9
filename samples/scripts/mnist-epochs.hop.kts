// U-Hop's stage I on real MNIST: train the kernel N epochs on M digits and follow the retrieval error
// of half-masked queries and the separation loss as N grows. The protocol is the one `experiment
// epochs` runs (core-java's ProtocolSweep): the same arguments write the same CSV rows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-epochs.hop.kts [--csv FILE] [--png FILE]
// Options: --epochs-list N,... --size M --seeds N --data-dir DIR --dataset mnist|synthetic; small
// defaults, the paper goes to --epochs-list 1,10,20,50,100,200,500,1000
import org.hopfield4j.plot.ErrorBarChart
import org.hopfield4j.plot.SweepCharts

val epochList = intsArg("epochs-list", 1, 10, 50, 100)
val size = intArg("size", 100)
val seedCount = intArg("seeds", 2)
val digits = Datasets.named(stringArg("dataset"), pathArg("data-dir"))   // default: MNIST from $HOPFIELD4J_DATA, else data/ beside the jar

val summary = paperProtocol(digits) {
    models("uhop-dense", "uhop-sparse")              // the two share one kernel per run
    seeds = seedCount
}.epochs(size, epochList, masking())                 // with the constant schedule each N continues from the last

println("U-Hop on M = $size images: summed squared error of masked queries, mean ± std over $seedCount seeds")
println(summary.overSeeds().table("epochs"))
println("Separation loss after N epochs (the two models share one kernel)")
println(summary.overSeeds().table("epochs", metric = "loss"))
outputArg("csv")?.toFile()?.writeText(summary.table().csv())   // the columns of `experiment epochs`
outputArg("png")?.let { png ->                                   // error and loss vs N side by side, as the command's plot
    ErrorBarChart.save(png, *SweepCharts.of(summary, "M = $size, $seedCount seeds", "avg, t 2.0"))
}
