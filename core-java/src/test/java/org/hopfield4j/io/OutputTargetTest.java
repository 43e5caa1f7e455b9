package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-target policy of {@link AtomicFileWriter} (docs/reliability.md#output-targets). */
class OutputTargetTest {
    private static final byte[] CONTENT = "new content\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aFifoIsWrittenThroughAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        AtomicFileWriter.write(fifo, out -> out.write(CONTENT));
        assertArrayEquals(CONTENT, reader.get(30, TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo), "the FIFO was replaced by a regular file");
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther());
        assertEquals(List.of("pipe"), names());
    }

    @Test
    void aCharacterDeviceIsWrittenThroughAndNotReplaced() throws Exception {
        // a private copy of /dev/null's device node (major 1, minor 3): a broken writer must not be able to
        // destroy the machine's own /dev/null while this test runs as root
        Path devNull = dir.resolve("null");
        Process mknod = new ProcessBuilder("mknod", "-m", "666", devNull.toString(), "c", "1", "3").start();
        boolean made = mknod.waitFor() == 0;
        // CI runs as root, where a skip would hide the one check that guards the machine's device nodes
        assertTrue(made || !"true".equals(System.getenv("CI")), "mknod failed although CI=true (CI runs as root)");
        assumeTrue(made, "mknod needs root");
        Object inodeBefore = Files.getAttribute(devNull, "unix:ino");
        AtomicFileWriter.write(devNull, out -> out.write(CONTENT));
        assertFalse(Files.isRegularFile(devNull), "the device node was replaced by a regular file");
        assertEquals(inodeBefore, Files.getAttribute(devNull, "unix:ino"), "the device node was replaced");
        assertEquals(List.of("null"), names());
    }

    @Test
    void rewritingAFileKeepsItsPermissions() throws Exception {
        Path file = dir.resolve("secret.npy");
        Files.write(file, new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFileWriter.write(file, out -> out.write(CONTENT));
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFileWriter.write(file, out -> out.write(CONTENT));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theLongestLegalNameWorks() throws Exception {
        Path file = dir.resolve("x".repeat(251) + ".npy"); // 255 bytes, NAME_MAX
        AtomicFileWriter.write(file, out -> out.write(CONTENT));
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
        assertEquals(1, names().size());
    }

    @Test
    void aSymbolicLinkIsFollowedAndKept() throws Exception {
        Path real = dir.resolve("real.npy");
        Files.write(real, new byte[] {9});
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), Path.of("real.npy"));
        AtomicFileWriter.write(link, out -> out.write(CONTENT));
        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(CONTENT, Files.readAllBytes(real));
    }

    @Test
    void aDirectoryIsRefusedWithWhatItIs() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        IOException e = assertThrows(IOException.class, () -> AtomicFileWriter.write(sub, out -> out.write(CONTENT)));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertEquals(List.of("sub"), names());
    }

    @Test
    void sigtermDuringAWriteLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out.npy");
        Files.write(target, new byte[] {7});
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowWriter.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals(SlowWriter.READY, lines.readLine(), "the child did not start its write");
            assertEquals(2, names().size(), "the temporary file should exist while the write runs");
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of("out.npy"), names());
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
    }

    /** Starts a write, says so on stdout, then waits to be killed. */
    static final class SlowWriter {
        static final String READY = "writing";

        public static void main(String[] args) throws IOException {
            AtomicFileWriter.write(Path.of(args[0]), out -> {
                out.write(CONTENT);
                System.out.println(READY);
                System.out.flush();
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
