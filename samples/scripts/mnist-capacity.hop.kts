// Memory capacity on real MNIST (the paper's first experiment, as `experiment capacity`): store M
// digits, query each with half its pixels zeroed, and compare the retrieval error of the eight models.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-capacity.hop.kts [--csv FILE] [--png FILE]
// Options: --sizes M,... --seeds N --epochs N (U-Hop stage I) --data-dir DIR; small defaults, the
// paper's sizes are --sizes 10,20,30,50,100,200,500 (several minutes)
import org.hopfield4j.plot.ErrorBarChart

val sizes = intsArg("sizes", 10, 50, 100)
val seedCount = intArg("seeds", 2)
val stageOneEpochs = intArg("epochs", 100)
val digits = Datasets.mnist(pathArg("data-dir"))   // default: $HOPFIELD4J_DATA, else data/ beside the jar

val summary = sweep {
    memorySizes(*sizes)
    seeds(seedCount)
    experiment { point ->
        memories { dataset(digits); sample(point.memories, seed = point.seed) }
        queries = masking()                          // the paper's: each pixel zeroed with p = 0.5, the rest kept
        // stage II everywhere: β = 1, one step (the defaults); the names are those of `--models`
        pipeline("dense") { stageTwo { map = softmax } }
        pipeline("sparse") { stageTwo { map = sparsemax } }
        pipeline("entmax15") { stageTwo { map = entmax15 } }
        pipeline("poly10") { stageTwo { map = poly(10) } }
        pipeline("l2") { stageTwo { similarity = negativeL2 } }
        pipeline("manhattan") { stageTwo { similarity = negativeManhattan } }
        // U-Hop: learn a kernel on the stored digits, then retrieve in it (both share one training)
        val uhop: KernelScope.() -> Unit = { learned { epochs = stageOneEpochs; seed = point.seed } }
        pipeline("uhop-dense") { stageOne(uhop); stageTwo { map = softmax } }
        pipeline("uhop-sparse") { stageOne(uhop); stageTwo { map = sparsemax } }
        metrics(sse)
    }
}.run().overSeeds("M")

println("Memory capacity, ${digits.count()} MNIST digits: summed squared error of masked queries, mean ± std over $seedCount seeds")
println(summary.table("M"))
pathArg("csv")?.toFile()?.writeText(summary.toCsv("M"))   // model,M,mean,std,seeds, as `experiment capacity`
pathArg("png")?.let { png ->                                // one line per model, ± std bars, as the command's plot
    val chart = ErrorBarChart("Memory capacity: MNIST, masking zero, mean ± std over $seedCount seeds",
        "M (stored patterns)", "error  sum (x - x̂)²").logX()
    summary.forEachPoint(action = chart::add)
    chart.save(png)
}
