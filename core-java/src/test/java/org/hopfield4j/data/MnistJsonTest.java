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
        assertParseFails("{\"data\":[0,1,0.5]}", "not a whole number of 784");
        assertParseFails("{\"data\":[0,1.5]}", "outside the pixel range");
        assertParseFails("{\"data\":[0,1,0", "truncated");
        assertParseFails("{\"pixels\":[0]}", "no \"data\"");
        assertParseFails("{\"data\":[0,abc]}", "not a number");
    }

    /** Parsing {@code json} fails with a DataFileException whose message contains {@code fragment}. */
    private static void assertParseFails(String json, String fragment) {
        DataFileException e = assertThrows(DataFileException.class,
                () -> MnistJson.parse(new StringReader(json), "x.json"));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
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
