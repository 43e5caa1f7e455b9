package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MnistJson}: every image of every digit file lands in its own row with its digit's label;
 * JSON blanks around values and commas are allowed, an empty value is not; a count that is not a whole number of images is reported
 * as images and values over.
 */
class MnistJsonLayoutTest {
    @TempDir
    Path dir;

    @Test
    void everyImageLandsInItsRowWithItsLabel() throws IOException {
        ImageSet set = MnistJson.load(MnistJsonTest.writePackage(dir));
        int row = 0;
        for (int digit = 0; digit < 10; digit++) {
            for (int i = 0; i <= digit; i++, row++) {   // digit + 1 images, pixel j of image i = ((i + j) mod 11) / 10
                float[] expected = new float[MnistJson.DIMENSION];
                for (int j = 0; j < expected.length; j++) expected[j] = Float.parseFloat(String.format("%.3f", (i + j) % 11 / 10.0));
                assertArrayEquals(expected, set.image(row), "digit " + digit + " image " + i);
                assertEquals(digit, set.labels()[row]);
            }
        }
        assertEquals(row, set.count());
    }

    @Test
    void blanksBetweenValuesAreAllowed() throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"data\" :\t[ ");
        for (int j = 0; j < MnistJson.DIMENSION; j++) json.append(j % 2).append(j % 3 == 0 ? " ,\n " : ", ");
        json.setLength(json.length() - 2);
        float[] values = MnistJson.parse(new StringReader(json.append(" ]\n}").toString()), "blanks.json");
        assertEquals(MnistJson.DIMENSION, values.length);
        for (int j = 0; j < values.length; j++) assertEquals(j % 2, values[j], 0f);
        for (String empty : new String[] {"[0,,1]", "[0, ,1]", "[0 ,, 1]"}) {
            DataFileException e = assertThrows(DataFileException.class,
                    () -> MnistJson.parse(new StringReader("{\"data\":" + empty + "}"), "e.json"));
            assertEquals("e.json: empty value at index 1 of the data array", e.getMessage(), empty);
        }
        DataFileException first = assertThrows(DataFileException.class,
                () -> MnistJson.parse(new StringReader("{\"data\":[ ,0]}"), "e.json"));
        assertEquals("e.json: empty value at index 0 of the data array", first.getMessage());
    }

    @Test
    void aPartialImageIsReportedAsImagesAndValuesOver() {
        StringBuilder json = new StringBuilder("{\"data\":[0");
        for (int j = 1; j < MnistJson.DIMENSION + 3; j++) json.append(",1");
        DataFileException e = assertThrows(DataFileException.class,
                () -> MnistJson.parse(new StringReader(json.append("]}").toString()), "x.json"));
        assertEquals("x.json: 787 values is not a whole number of 784-pixel images (1 images and 3 values over)",
                e.getMessage());
    }
}
