// U-Hop vs the classical baselines: a learned kernel (stage I) against fixed similarities.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/uhop-vs-baselines.hop.kts --size 40
val size = intArg("size", 100)

val table = sweep {
    memorySizes(size / 2, size)                     // M, each a random draw from the data
    seeds(2)                                        // seeds 0 and 1
    experiment { point ->
        memories {
            dataset(Datasets.randomBinary(count = 2 * size, dimension = 49, seed = 7))
            sample(point.memories, seed = point.seed)
        }
        queries = masking()
        pipeline("dense") { stageTwo { map = softmax } }
        pipeline("sparse") { stageTwo { map = sparsemax } }
        pipeline("l2") { stageTwo { similarity = negativeL2 } }
        pipeline("uhop-sparse") {
            stageOne { learned { epochs = 20; t = 2.t; learningRate = 1.lr; seed = point.seed } }
            stageTwo { map = sparsemax }
        }
    }
}.run()

// mean error per pipeline and M over the seeds
table.filter { it.metric == "sse" }
    .groupBy { it.pipeline to it.memories }
    .forEach { (key, rows) -> println("${key.first}\tM=${key.second}\tsse=%.3f".format(rows.map { it.value }.average())) }
