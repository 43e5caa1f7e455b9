package org.hopfield4j;

import java.io.IOException;

/**
 * Thrown by {@link MemoryStore#load(java.nio.file.Path)} when a file is not a complete, intact
 * memory-store archive: not a ZIP, truncated, a member missing or malformed, an unsupported format
 * version, a shape or precision that disagrees with the metadata, or a checksum mismatch. The
 * message starts with the file and says what was expected and what was found; the cause, if any,
 * is the low-level error (e.g. a {@link java.util.zip.ZipException}).
 */
public class MemoryStoreFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public MemoryStoreFormatException(String message) {
        super(message);
    }

    public MemoryStoreFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
