package org.hopfield4j.io;

import java.io.IOException;

/**
 * Thrown when a {@code .npy} file or stream is not a valid array that hopfield4j can read: bad magic,
 * unsupported version or dtype, malformed header, impossible shape, truncated or over-long data.
 *
 * <p>The message always starts with the source (file path or stream name) followed by what was
 * expected and what was found, so it can be shown to a user as is.
 */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String detail;

    /**
     * @param source the file path or stream name the problem was found in
     * @param detail what was expected and what was found instead
     */
    public NpyFormatException(String source, String detail) {
        super(source + ": " + detail);
        this.source = source;
        this.detail = detail;
    }

    /** The file path or stream name that the problem was found in. */
    public String source() {
        return source;
    }

    /** The message without the source prefix. */
    public String detail() {
        return detail;
    }
}
