// U-Hop's stage I on real MNIST: train the kernel N epochs on M digits and follow the retrieval error
// of half-masked queries and the separation loss as N grows. The protocol is the one `experiment
// epochs` runs (core-java's ProtocolSweep): the same arguments write the same CSV rows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-epochs.hop.kts [--csv FILE] [--png FILE]
// Options: --epochs-list N,... --size M, and those of mnist-shared.hop.kts (--seeds N --models ...
// --data-dir DIR --dataset mnist|synthetic); small defaults, the paper goes to --epochs-list 1,10,20,50,100,200,500,1000
@file:Import("mnist-shared.hop.kts")

val epochList = intsArg("epochs-list", 1, 10, 50, 100)
val size = intArg("size", 100)

val summary = paperProtocol(digits) {
    models(*(chosenModels ?: uhopModels).toTypedArray())   // the two U-Hop models share one kernel per run
    seeds = seedCount
}.epochs(size, epochList, masking())                 // with the constant schedule each N continues from the last

println("U-Hop on M = $size images: summed squared error of masked queries, mean ± std over $seedCount seeds")
println(summary.overSeeds().table("epochs"))
println("Separation loss after N epochs (the two models share one kernel)")
println(summary.overSeeds().table("epochs", metric = "loss"))
writeFiles(summary, "M = $size, $seedCount seeds", loss = "avg, t 2.0")   // the columns of `experiment epochs`
