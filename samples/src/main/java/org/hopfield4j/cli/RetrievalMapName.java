package org.hopfield4j.cli;

/**
 * The maps of {@code retrieve} by their command-line names (lowercase, case-sensitive): the
 * separation maps of {@link MapName} plus the poly-n baseline.
 */
enum RetrievalMapName {
    softmax,
    sparsemax,
    entmax15,
    entmax,
    poly
}
