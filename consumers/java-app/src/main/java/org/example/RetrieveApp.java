package org.example;

import java.nio.file.Path;
import java.util.Locale;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;

/** Loads memories and queries from .npy files, retrieves with sparsemax, writes and prints the result. */
public final class RetrieveApp {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        NpyArray queries = Npy.read(dir.resolve("queries.npy"));
        try (MemoryStore store = MemoryStore.fromNpy(dir.resolve("memories.npy"));
             Retriever retriever = Retriever.builder(store).map(Separation.sparsemax()).beta(4).build()) {
            float[] states = retriever.retrieve(queries.toFloat(), queries.rows()).floatStates();
            Npy.write(dir.resolve("java-app.npy"), NpyArray.ofFloat(states, queries.rows(), queries.cols()));
            double checksum = 0;
            for (float v : states) {
                checksum += v;
            }
            System.out.println(String.format(Locale.ROOT, "java-app: retrieved %d x %d, sum %.6f",
                    queries.rows(), queries.cols(), checksum));
        }
    }
}
