// Noise robustness on real MNIST (as `experiment noise`): store M digits, query each with Gaussian
// noise of norm σ added (then clamped to [0, 1]), and compare the retrieval error of the eight models.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-noise.hop.kts [--csv FILE] [--png FILE]
// Options: --sigmas σ,... --size M --seeds N --epochs N (U-Hop stage I) --data-dir DIR; small defaults,
// the paper's noise norms are --sigmas 0,0.01,0.05,0.1,0.3,0.5,0.7,1.0,1.2,1.4,2.0
import org.hopfield4j.plot.ErrorBarChart

val sigmas = doublesArg("sigmas", 0.0, 1.0, 2.0)
val size = intArg("size", 100)
val seedCount = intArg("seeds", 2)
val stageOneEpochs = intArg("epochs", 100)
val digits = Datasets.mnist(pathArg("data-dir"))   // default: $HOPFIELD4J_DATA, else data/ beside the jar

val summary = sweep {
    noiseNorms(*sigmas)
    seeds(seedCount)
    experiment { point ->
        memories { dataset(digits); sample(size, seed = point.seed) }   // a seed draws the same digits at every σ
        queries = noise(point.sigma)
        pipeline("dense") { stageTwo { map = softmax } }
        pipeline("sparse") { stageTwo { map = sparsemax } }
        pipeline("entmax15") { stageTwo { map = entmax15 } }
        pipeline("poly10") { stageTwo { map = poly(10) } }
        pipeline("l2") { stageTwo { similarity = negativeL2 } }
        pipeline("manhattan") { stageTwo { similarity = negativeManhattan } }
        val uhop: KernelScope.() -> Unit = { learned { epochs = stageOneEpochs; seed = point.seed } }
        pipeline("uhop-dense") { stageOne(uhop); stageTwo { map = softmax } }
        pipeline("uhop-sparse") { stageOne(uhop); stageTwo { map = sparsemax } }
        metrics(sse)
    }
}.run().overSeeds("sigma")

println("Noise robustness, M = $size MNIST digits: summed squared error of noisy queries, mean ± std over $seedCount seeds")
println(summary.table("sigma"))
pathArg("csv")?.toFile()?.writeText(summary.toCsv("sigma"))   // model,sigma,mean,std,seeds, as `experiment noise`
pathArg("png")?.let { png ->                                    // one line per model, ± std bars, as the command's plot
    val chart = ErrorBarChart("Noise robustness: MNIST, M = $size, mean ± std over $seedCount seeds",
        "sigma (noise norm)", "error  sum (x - x̂)²")
    summary.forEachPoint(action = chart::add)
    chart.save(png)
}
