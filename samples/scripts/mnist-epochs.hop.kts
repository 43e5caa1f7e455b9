// U-Hop's stage I on real MNIST (as `experiment epochs`): train the kernel N epochs on M digits and
// follow the retrieval error of half-masked queries and the separation loss as N grows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-epochs.hop.kts [--csv FILE] [--png FILE]
// Options: --epochs-list N,... --size M --seeds N --data-dir DIR; small defaults (each N trains from
// scratch), the paper goes to --epochs-list 1,10,20,50,100,200,500,1000
import org.hopfield4j.plot.ErrorBarChart

val epochList = intsArg("epochs-list", 1, 10, 50, 100)
val size = intArg("size", 100)
val seedCount = intArg("seeds", 2)
val digits = Datasets.mnist(pathArg("data-dir"))   // default: $HOPFIELD4J_DATA, else data/ beside the jar

val summary = sweep {
    epochs(*epochList)
    seeds(seedCount)
    experiment { point ->
        memories { dataset(digits); sample(size, seed = point.seed) }
        queries = masking()                          // the paper's: each pixel zeroed with p = 0.5, the rest kept
        val uhop: KernelScope.() -> Unit = { learned { epochs = point.epochs; seed = point.seed } }
        pipeline("uhop-dense") { stageOne(uhop); stageTwo { map = softmax } }
        pipeline("uhop-sparse") { stageOne(uhop); stageTwo { map = sparsemax } }
        metrics(sse, separationLoss)                 // the loss of W after N epochs, before the row normalisation
    }
}.run().overSeeds("epochs")

println("U-Hop on M = $size MNIST digits: summed squared error of masked queries, mean ± std over $seedCount seeds")
println(summary.table("epochs"))
println("Separation loss after N epochs (the two models share one kernel)")
println(summary.table("epochs", metric = "loss"))
pathArg("csv")?.toFile()?.writeText(summary.toCsv("epochs", also = listOf("loss")))   // the columns of `experiment epochs`
pathArg("png")?.let { png ->   // error and loss vs N side by side, as the command's plot
    val error = ErrorBarChart("U-Hop error vs stage I epochs (MNIST, M = $size, $seedCount seeds)", "N (epochs)",
        "error  sum (x - x̂)²").logX()
    summary.forEachPoint(action = error::add)
    val loss = ErrorBarChart("Separation loss vs epochs (avg, t 2.0)", "N (epochs)", "loss").logX()
    summary.filter { it.pipeline == "uhop-dense" }   // one line: the two models share one kernel
        .forEachPoint("loss") { _, n, mean, std -> loss.add("separation loss", n, mean, std) }
    ErrorBarChart.save(png, error, loss)
}
