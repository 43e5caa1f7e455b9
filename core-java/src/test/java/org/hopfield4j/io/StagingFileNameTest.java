package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link OutputSet#isStagingFile}, which decides whether {@link AtomicFileWriter} writes a file in
 * place (a set's staging file) or through a temporary file: exactly the files directly inside a
 * {@code .h4j-<16 hex>.set} directory.
 */
class StagingFileNameTest {
    @Test
    void onlyFilesDirectlyInAStagingDirectoryAreStagingFiles() {
        assertTrue(OutputSet.isStagingFile(Path.of("/out/.h4j-0123456789abcdef.set/result.npy")));
        assertTrue(OutputSet.isStagingFile(Path.of(".h4j-0123456789abcdef.set/result.npy")));
        assertFalse(OutputSet.isStagingFile(Path.of("result.npy")));                                  // no directory
        assertFalse(OutputSet.isStagingFile(Path.of("/result.npy")));
        assertFalse(OutputSet.isStagingFile(Path.of("/out/result.npy")));
        assertFalse(OutputSet.isStagingFile(Path.of("/out/.h4j-0123456789abcdef.set/sub/result.npy")));
        assertFalse(OutputSet.isStagingFile(Path.of("/out/.h4j-0123456789abcdeg.set/result.npy")));  // not hex
        assertFalse(OutputSet.isStagingFile(Path.of("/out/.h4j-0123456789abcde.set/result.npy")));   // 15 digits
        assertFalse(OutputSet.isStagingFile(Path.of("/out/.h4j-0123456789abcdef.commit")));
    }
}
