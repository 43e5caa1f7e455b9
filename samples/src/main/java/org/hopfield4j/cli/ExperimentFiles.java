package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hopfield4j.io.OutputSet;

/**
 * The experiments' output files, written as one set ({@link OutputSet}: after any kill, DIR holds one
 * run's files, all of them): each file's content is written to its staging file, then the set is committed.
 * Every failure is a {@link UserError} naming the file.
 */
final class ExperimentFiles {
    /** Writes one file's content to the path given (the staging file). */
    @FunctionalInterface
    interface Content {
        void writeTo(Path staging) throws IOException;
    }

    private final Map<Path, Content> files = new LinkedHashMap<>();

    /** Adds {@code file} with {@code content}; returns this. */
    ExperimentFiles add(Path file, Content content) {
        files.put(file, content);
        return this;
    }

    /** Adds a text file. */
    ExperimentFiles text(Path file, String text) {
        return add(file, staged -> Files.writeString(staged, text));
    }

    /** Writes every file, then commits them together. */
    void commit(Path dir) {
        try (OutputSet set = OutputSet.open(new ArrayList<>(files.keySet()))) {
            for (Map.Entry<Path, Content> f : files.entrySet()) {
                try {
                    f.getValue().writeTo(set.staging(f.getKey()));
                } catch (IOException e) {
                    throw new UserError("--out " + f.getKey() + ": cannot write: " + e.getMessage(), e);
                }
            }
            set.commit();
        } catch (IOException e) {
            throw new UserError("--out " + dir + ": cannot write the results: " + e.getMessage(), e);
        }
    }

    /** Fails now if {@code out} exists and is not a directory (before any work). */
    static void checkDirectory(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + out + ": is a file, expected a directory");
        }
    }

    /** {@code out}, created if missing, checked writable. */
    static Path directory(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot create the directory: " + e.getMessage(), e);
        }
        if (!Files.isWritable(out)) {
            throw new UserError("--out " + out + ": directory is not writable");
        }
        return out;
    }
}
