// Noise robustness: how retrieval degrades as the Gaussian noise norm σ of the queries grows.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/noise-robustness.hop.kts --size 30
val size = intArg("size", 100)

val table = sweep {
    noiseNorms(0.5, 1.0, 2.0, 4.0)                  // ‖noise‖ per query
    experiment { point ->
        memories { dataset(Datasets.randomBinary(count = size, dimension = 64, seed = 3)) }
        queries = noise(point.sigma)
        pipeline("dense") { stageTwo { map = softmax; beta = 4.beta; steps = 3 } }
        pipeline("entmax-1.5") { stageTwo { map = entmax15; beta = 4.beta; steps = 3 } }
        metrics(sse, successRate(threshold = 0.5))
    }
}.run()

println(table.toTsv())
