package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistJsonTest {
    @TempDir
    Path dir;

    /** Writes package/src/digits/{0..9}.json with (digit + 1) images each, pixel j of image i = ((i + j) mod 11) / 10. */
    static Path writePackage(Path root) throws IOException {
        Path digits = Files.createDirectories(root.resolve("package/src/digits"));
        for (int digit = 0; digit < 10; digit++) {
            StringBuilder sb = new StringBuilder("{ \"data\": [");
            for (int i = 0; i < digit + 1; i++) {
                for (int j = 0; j < 784; j++) {
                    if (i + j > 0) {
                        sb.append(',');
                    }
                    int k = (i + j) % 11;
                    sb.append(k == 0 ? "0" : k == 10 ? "1" : String.format(Locale.ROOT, "%.3f", k / 10.0));
                }
            }
            Files.writeString(digits.resolve(digit + ".json"), sb.append("]}\n").toString());
        }
        return root;
    }

    @Test
    void loadsTheTenFilesWithLabels() throws IOException {
        ImageSet set = MnistJson.load(writePackage(dir));
        assertEquals(55, set.count());   // 1 + 2 + ... + 10
        assertEquals(784, set.dimension());
        assertEquals(55 * 784, set.pixels().length);
        float[] range = set.range();
        assertEquals(0f, range[0]);
        assertEquals(1f, range[1]);
        assertEquals(0, set.labels()[0]);
        assertEquals(1, set.labels()[1]);
        assertEquals(1, set.labels()[2]);
        assertEquals(9, set.labels()[54]);
        assertEquals(0.3f, set.pixels()[3], 0f);
        // the same from src/digits and from the package directory
        assertArrayEquals(set.pixels(), MnistJson.load(dir.resolve("package")).pixels());
        assertArrayEquals(set.pixels(), MnistJson.load(dir.resolve("package/src/digits")).pixels());
    }

    @Test
    void badFilesGiveClearErrors() {
        DataFileException notAMultiple = assertThrows(DataFileException.class,
                () -> MnistJson.parse(new StringReader("{\"data\":[0,1,0.5]}"), "x.json"));
        assertTrue(notAMultiple.getMessage().contains("not a whole number of 784"), notAMultiple.getMessage());
        DataFileException range = assertThrows(DataFileException.class,
                () -> MnistJson.parse(new StringReader("{\"data\":[0,1.5]}"), "x.json"));
        assertTrue(range.getMessage().contains("outside the pixel range"), range.getMessage());
        DataFileException open = assertThrows(DataFileException.class,
                () -> MnistJson.parse(new StringReader("{\"data\":[0,1,0"), "x.json"));
        assertTrue(open.getMessage().contains("truncated"), open.getMessage());
        DataFileException noData = assertThrows(DataFileException.class,
                () -> MnistJson.parse(new StringReader("{\"pixels\":[0]}"), "x.json"));
        assertTrue(noData.getMessage().contains("no \"data\""), noData.getMessage());
        DataFileException nan = assertThrows(DataFileException.class,
                () -> MnistJson.parse(new StringReader("{\"data\":[0,abc]}"), "x.json"));
        assertTrue(nan.getMessage().contains("not a number"), nan.getMessage());
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        DataFileException none = assertThrows(DataFileException.class, () -> MnistJson.load(dir));
        assertTrue(none.getMessage().contains("no mnist digit files"), none.getMessage());
        writePackage(dir);
        Files.delete(dir.resolve("package/src/digits/7.json"));
        DataFileException seven = assertThrows(DataFileException.class, () -> MnistJson.load(dir));
        assertTrue(seven.getMessage().contains("7.json is missing"), seven.getMessage());
    }
}
