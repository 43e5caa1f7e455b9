package org.hopfield4j.dsl

/**
 * Marks the hopfield4j DSL scopes: inside a nested block (say a learned kernel) the members of an
 * outer block (say the experiment) cannot be called implicitly, so options land where they belong.
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPE)
annotation class HopfieldDsl
