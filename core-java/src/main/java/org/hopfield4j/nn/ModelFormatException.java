package org.hopfield4j.nn;

import java.io.IOException;

/** A parameter archive that is damaged, foreign, or saved from a model of other names or shapes. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
