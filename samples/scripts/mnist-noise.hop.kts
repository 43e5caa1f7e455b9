// Noise robustness on real MNIST: store M digits, query each with Gaussian noise of norm σ added
// (then clamped to [0, 1]), and compare the retrieval error of the eight models. The protocol is the
// one `experiment noise` runs (core-java's ProtocolSweep): the same arguments write the same CSV rows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-noise.hop.kts [--csv FILE] [--png FILE]
// Options: --sigmas σ,... --size M --seeds N --epochs N (U-Hop stage I) --data-dir DIR --dataset mnist|synthetic;
// small defaults, the paper's noise norms are --sigmas 0,0.01,0.05,0.1,0.3,0.5,0.7,1.0,1.2,1.4,2.0
import org.hopfield4j.plot.ErrorBarChart
import org.hopfield4j.plot.SweepCharts

val sigmas = doublesArg("sigmas", 0.0, 1.0, 2.0)
val size = intArg("size", 100)
val seedCount = intArg("seeds", 2)
val stageOneEpochs = intArg("epochs", 100)
val digits = Datasets.named(stringArg("dataset"), pathArg("data-dir"))   // default: MNIST from $HOPFIELD4J_DATA, else data/ beside the jar

val summary = paperProtocol(digits) {
    seeds = seedCount
    uhop { epochs = stageOneEpochs }
}.noise(size, sigmas)                                // a seed draws the same digits (and W₀) at every σ

println("Noise robustness, M = $size images: summed squared error of noisy queries, mean ± std over $seedCount seeds")
println(summary.overSeeds().table("sigma"))
outputArg("csv")?.toFile()?.writeText(summary.table().csv())   // model,sigma,mean,std,seeds: `experiment noise`'s file
outputArg("png")?.let { png ->                                   // one line per model, ± std bars, as the command's plot
    ErrorBarChart.save(png, *SweepCharts.of(summary, "M = $size, mean ± std over $seedCount seeds"))
}
