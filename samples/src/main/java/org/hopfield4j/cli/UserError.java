package org.hopfield4j.cli;

/**
 * A problem with what the user gave us (a file, a value in it, an option combination): reported as
 * one line on stderr with exit code {@value Main#EXIT_USER_ERROR}, never with a stack trace.
 *
 * <p>The message says what is wrong and, where it helps, where (file, element index) and what was
 * expected. It carries no stack trace of its own (nobody needs one).
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message, null, false, false);
    }

    UserError(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
