package org.hopfield4j;

import java.util.Objects;

/**
 * The result of the two-stage U-Hop pipeline ({@link UHop#retrieve(MemoryStore, float[], int)}):
 * the kernel learned in stage I and the stage II retrieval made with it.
 *
 * @param kernel    the learned feature map W with its training record (loss history, ...); reuse it
 *                  with {@link LearnedKernel#retriever(MemoryStore)} to retrieve more queries
 *                  without training again
 * @param retrieval the retrieved states (and steps, and weights and energies if asked for) of the queries
 */
public record UHopResult(LearnedKernel kernel, Retrieval retrieval) {
    public UHopResult {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(retrieval, "retrieval");
    }
}
