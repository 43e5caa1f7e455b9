package org.hopfield4j.data;

import java.io.IOException;

/** A data file that is not what it should be (wrong magic number, truncated, values out of range). */
public class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataFileException(String message) {
        super(message);
    }
}
