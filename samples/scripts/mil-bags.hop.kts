// Multiple-instance learning on MNIST bags (Ilse et al. 2018; the sparse paper's MIL evidence): bags of MNIST
// training digits, positive iff a bag holds a 9; an instance encoder, HopfieldPooling and a linear head trained
// with binary cross-entropy and AdamW, scored by test AUC. The protocol is the one `experiment mil` runs
// (core-java's MilSweep): the same arguments give the same CSV rows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mil-bags.hop.kts [--csv FILE] [--png FILE]
// Options: --bags N,... --mean-bag SIZE,... --seeds N --epochs N --test-bags N --models dense,sparse,...
// --single-positive true (half the bags positive, one 9 each: the bag-size sweep) --data-dir DIR; small defaults (a minute or two), the paper-sized grid is
// --bags 50,100,150,200,300,400,500 --seeds 5 (or `experiment mil --paper`)
import org.hopfield4j.data.MnistBags
import org.hopfield4j.data.StandardDataset.Split
import org.hopfield4j.experiment.MilExperiment
import org.hopfield4j.experiment.MilModel
import org.hopfield4j.experiment.MilSweep
import org.hopfield4j.plot.ErrorBarChart
import org.hopfield4j.plot.MilCharts

val bagCounts = intsArg("bags", 100)
val meanSizes = doublesArg("mean-bag", 10.0)
val seedCount = intArg("seeds", 2)
val models = stringArg("models")?.split(',')?.map { MilModel.named(it) } ?: listOf(MilModel.DENSE, MilModel.SPARSE)

val defaults = MilExperiment.defaults(models)
val protocol = defaults.withTraining(defaults.training().withEpochs(intArg("epochs", 10)))
    .withTestBags(intArg("test-bags", 500))
val train = Datasets.mnistFull(Split.TRAIN, pathArg("data-dir"))
val test = Datasets.mnistFull(Split.TEST, pathArg("data-dir"))

val summary = MilSweep(protocol, train, test, 0L, seedCount) { println("  done: $it") }
    .grid(bagCounts.toList(), meanSizes.toList(), MnistBags.Shape(10.0, 2.0, 9, stringArg("single-positive")?.toBoolean() ?: false))

println("MNIST bags (digit 9), test AUC and accuracy, mean ± std over $seedCount seeds")
summary.table().alignedLines().forEach(::println)
outputArg("csv")?.toFile()?.writeText(summary.table().csv())                       // model,bags,mean_bag,auc_mean,...
outputArg("png")?.let { ErrorBarChart.save(it, *MilCharts.of(summary, "mnist-full bags, mean ± std over $seedCount seeds")) }
