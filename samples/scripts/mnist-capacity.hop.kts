// Memory capacity on real MNIST (the paper's first experiment): store M digits, query each with half
// its pixels zeroed, and compare the retrieval error of the eight models. The protocol is the one
// `experiment capacity` runs (core-java's ProtocolSweep): the same arguments write the same CSV rows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-capacity.hop.kts [--csv FILE] [--png FILE]
// Options: --sizes M,... --epochs N (U-Hop stage I), and those of mnist-shared.hop.kts (--seeds N
// --models ... --data-dir DIR --dataset mnist|synthetic); small defaults, the paper's sizes are
// --sizes 10,20,30,50,100,200,500 (several minutes)
@file:Import("mnist-shared.hop.kts")

val sizes = intsArg("sizes", 10, 50, 100)
val stageOneEpochs = intArg("epochs", 100)

val summary = paperProtocol(digits) {
    models(*(chosenModels ?: paperModels).toTypedArray())
    seeds = seedCount
    uhop { epochs = stageOneEpochs }                 // U-Hop's stage I; the other settings are the paper's
}.capacity(sizes, masking())                         // the paper's: each pixel zeroed with p = 0.5, the rest kept

println("Memory capacity, ${digits.count()} images: summed squared error of masked queries, mean ± std over $seedCount seeds")
println(summary.overSeeds().table("M"))
writeFiles(summary, "${digits.count()} images, masking zero, mean ± std over $seedCount seeds")   // model,M,mean,std,seeds
