package org.hopfield4j;

/**
 * Everything a {@link Retriever} was configured with, as its {@link Retriever.Builder} left it
 * (every value already checked).
 *
 * @param store          the store retrieved from
 * @param map            the map of each step
 * @param beta           β, the inverse temperature (ignored by poly-n)
 * @param steps          T, the maximum number of steps
 * @param eps            ε, the per-query stopping tolerance
 * @param similarity     the similarity
 * @param scoreBlock     stored patterns per block of scores, or 0 for the automatic choice
 * @param recordWeights  whether retrievals record the association weights
 * @param recordEnergies whether retrievals record energies
 * @param weightCapacity pairs of the first weight buffer, or -1 for the automatic choice (a test hook)
 */
record RetrieverSettings(MemoryStore store, RetrievalMap map, double beta, int steps, double eps,
                         Similarity similarity, long scoreBlock, boolean recordWeights, boolean recordEnergies,
                         long weightCapacity) {
    /** Whether the energy exists: a map that has one, with the dot similarity or a kernel with W. */
    boolean hasEnergy() {
        return map.hasEnergy() && similarity.hasEnergy();
    }
}
