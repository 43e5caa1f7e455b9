package org.hopfield4j.cli;

import org.hopfield4j.Similarity;

/** The similarities of {@code retrieve} by their command-line names; the kernel comes with {@code --kernel}. */
enum SimilarityName {
    dot,
    l2,
    l1;

    Similarity similarity() {
        return Similarity.named(name());
    }
}
