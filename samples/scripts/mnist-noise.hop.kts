// Noise robustness on real MNIST: store M digits, query each with Gaussian noise of norm σ added
// (then clamped to [0, 1]), and compare the retrieval error of the eight models. The protocol is the
// one `experiment noise` runs (core-java's ProtocolSweep): the same arguments write the same CSV rows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/mnist-noise.hop.kts [--csv FILE] [--png FILE]
// Options: --sigmas σ,... --size M --epochs N (U-Hop stage I), and those of mnist-shared.hop.kts (--seeds N
// --models ... --data-dir DIR --dataset mnist|synthetic); small defaults, the paper's noise norms are
// --sigmas 0,0.01,0.05,0.1,0.3,0.5,0.7,1.0,1.2,1.4,2.0
@file:Import("mnist-shared.hop.kts")

val sigmas = doublesArg("sigmas", 0.0, 1.0, 2.0)
val size = intArg("size", 100)
val stageOneEpochs = intArg("epochs", 100)

val summary = paperProtocol(digits) {
    models(*(chosenModels ?: paperModels).toTypedArray())
    seeds = seedCount
    uhop { epochs = stageOneEpochs }
}.noise(size, sigmas)                                // a seed draws the same digits (and W₀) at every σ

println("Noise robustness, M = $size images: summed squared error of noisy queries, mean ± std over $seedCount seeds")
println(summary.overSeeds().table("sigma"))
writeFiles(summary, "M = $size, mean ± std over $seedCount seeds")   // model,sigma,mean,std,seeds
