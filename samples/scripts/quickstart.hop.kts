// Quick start: store random binary patterns, mask half of each pixel set, retrieve them back.
// Run: java -jar samples/target/hopfield4j.jar run samples/scripts/quickstart.hop.kts --size 50
val size = intArg("size", 200)                     // number of memories

val result = experiment {
    memories { dataset(Datasets.randomBinary(count = size, dimension = 64, seed = 1)) }
    queries = masking(p = 0.5)                      // the paper's masking: each pixel zeroed with p = 0.5
    pipeline("dense") { stageTwo { map = softmax; beta = 8.beta } }
    pipeline("sparse") { stageTwo { map = sparsemax; beta = 8.beta } }
    metrics(sse, successRate())
}.run()

println(result.toTsv())
