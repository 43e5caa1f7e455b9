package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.hopfield4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDigitsTest {
    @TempDir
    Path dir;

    @Test
    void anExplicitDirectoryWins() {
        assertEquals(dir, MnistDigits.dataDir(dir, MnistDigitsTest.class));
    }

    @Test
    void withoutOneTheDirectoryIsDataBesideTheAnchorsClasses() throws Exception {
        assumeTrue(System.getenv(MnistDigits.DATA_ENV) == null, "$HOPFIELD4J_DATA is set");
        Path classes = Path.of(MnistDigitsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(classes.toAbsolutePath().getParent().resolve("data"), MnistDigits.dataDir(null, MnistDigitsTest.class));
    }

    @Test
    void readsTheDigitsFile() throws IOException {
        float[] pixels = {0f, 0.5f, 1f, 0.25f, 0.75f, 0f};
        Npy.write(dir.resolve(MnistDigits.FILE), pixels, 2, 3);
        ImageSet set = MnistDigits.read(dir);
        assertEquals(2, set.count());
        assertEquals(3, set.dimension());
        assertArrayEquals(pixels, set.pixels());
    }

    @Test
    void aMissingFileSaysHowToGetIt() {
        DataFileException e = assertThrows(DataFileException.class, () -> MnistDigits.read(dir));
        assertTrue(e.getMessage().startsWith("MNIST digits not found: " + dir.resolve(MnistDigits.FILE)), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAMatrixIsRejected() throws IOException {
        Npy.write(dir.resolve(MnistDigits.FILE), new float[] {1f, 2f, 3f}, 3);
        assertTrue(assertThrows(DataFileException.class, () -> MnistDigits.read(dir)).getMessage().contains("2-D"));
    }
}
