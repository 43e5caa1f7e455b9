package org.hopfield4j.cli;

/** Element types by their numpy names, as options take them (case-sensitive). */
enum DtypeName {
    float32,
    float64
}
