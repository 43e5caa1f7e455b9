package org.hopfield4j.cli;

import org.hopfield4j.Separation;

/**
 * The separation maps by their command-line names (lowercase, case-sensitive; picocli lists them as
 * completion candidates and in error messages).
 */
enum MapName {
    softmax,
    sparsemax,
    entmax15,
    entmax;

    /** The map; {@code alpha} is used by {@link #entmax} only and must then be finite and &gt; 1. */
    Separation separation(double alpha) {
        return switch (this) {
            case softmax -> Separation.softmax();
            case sparsemax -> Separation.sparsemax();
            case entmax15 -> Separation.entmax15();
            case entmax -> Separation.entmax(alpha);
        };
    }
}
