package org.example

import org.hopfield4j.dsl.*
import org.hopfield4j.io.Npy
import org.hopfield4j.io.NpyArray
import java.nio.file.Path

/** Loads memories and queries from .npy files, retrieves through the DSL (sparsemax, β = 4), writes and prints the result. */
fun main(args: Array<String>) {
    val dir = Path.of(args[0])
    val queries = Npy.read(dir.resolve("queries.npy"))
    val sparse = pipeline("sparse") { stageTwo { map = sparsemax; beta = 4.beta } }
    memories { npy(dir.resolve("memories.npy")) }.open().use { store ->
        sparse.retriever(store).use { retriever ->
            val states = retriever.retrieve(queries.toFloat(), queries.rows()).floatStates()
            Npy.write(dir.resolve("kotlin-app.npy"), NpyArray.ofFloat(states, queries.rows(), queries.cols()))
            println("kotlin-app: retrieved %d x %d, sum %.6f".format(java.util.Locale.ROOT, queries.rows(), queries.cols(),
                states.sumOf { it.toDouble() }))
        }
    }
}
