package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.LearnedKernelFormatException;

/**
 * Kernel files for {@code learn-kernel --out} and {@code retrieve --kernel}: a plain {@code .npy} W
 * (the format these options have always had) or a checksummed kernel archive ({@code .npz}, W with
 * its training settings and history). Every problem becomes a {@link UserError} naming the option
 * and the file.
 */
final class KernelFiles {
    private KernelFiles() {}

    /** Whether {@code file} gets the kernel archive: its name ends in .npz (any case). */
    static boolean isArchiveName(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    /** Reads a kernel archive or a .npy W, told apart by content (not by name). */
    static LearnedKernel read(String option, Path file) {
        NpyFiles.checkReadable(option, file, "kernel (.npy or .npz)");
        try {
            return LearnedKernel.load(file);
        } catch (LearnedKernelFormatException e) {
            // the message starts with the file name and says what is expected and what was found
            throw new UserError(option + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": cannot read: " + NpyFiles.reason(e), e);
        }
    }

    /** Writes the kernel archive to a .npz name, else W alone as a float64 .npy. */
    static void write(String option, Path file, LearnedKernel kernel) {
        try {
            if (isArchiveName(file)) {
                kernel.save(file);
            } else {
                kernel.saveNpy(file);
            }
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": cannot write: " + NpyFiles.reason(e), e);
        }
    }
}
