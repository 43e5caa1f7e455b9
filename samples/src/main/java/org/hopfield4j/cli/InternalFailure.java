package org.hopfield4j.cli;

/**
 * Carries a {@link Error} (say an {@link UnsatisfiedLinkError} from a native library that cannot
 * load) out of a command as an {@link Exception}: picocli hands only exceptions to the
 * execution-exception handler and would let an error escape with a raw stack trace.
 */
final class InternalFailure extends Exception {
    private static final long serialVersionUID = 1L;

    InternalFailure(Error cause) {
        super(cause.toString(), cause);
    }
}
