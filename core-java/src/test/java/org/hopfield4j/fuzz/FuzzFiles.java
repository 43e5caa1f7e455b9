package org.hopfield4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scratch directory for fuzz targets that must hand their input to a loader as a file. One file
 * per name is overwritten on every execution, so a long run does not fill the disk. On Linux it lives
 * in RAM ({@code /dev/shm}): writing a file to disk on every execution costs milliseconds and would
 * cap the fuzzer at a few hundred executions per second.
 */
public final class FuzzFiles {

    private static final Path DIRECTORY = createDirectory();
    private static final Map<String, Path> FILES = new ConcurrentHashMap<>();

    private FuzzFiles() {
    }

    /** Writes {@code content} to the scratch file {@code name} (replacing it) and returns its path. */
    public static Path withContent(String name, byte[] content) throws IOException {
        Path file = FILES.computeIfAbsent(name, FuzzFiles::scratchFile);
        Files.write(file, content);
        return file;
    }

    private static Path scratchFile(String name) {
        Path file = DIRECTORY.resolve(name);
        file.toFile().deleteOnExit();
        return file;
    }

    private static Path createDirectory() {
        try {
            Path shm = Path.of("/dev/shm");
            Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
            Path directory = Files.createTempDirectory(parent, "hopfield4j-fuzz");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
