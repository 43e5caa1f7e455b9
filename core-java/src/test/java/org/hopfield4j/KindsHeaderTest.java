package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java registries hold the same integer codes as the one native home of the kinds,
 * {@code native/src/main/cpp/hopfield4j_kinds.h}: every map and similarity constant has its
 * enumerator there with the same value, and the header has no kind Java does not know.
 */
class KindsHeaderTest {
    private static final Path HEADER = Path.of("..", "native", "src", "main", "cpp", "hopfield4j_kinds.h");

    /** NAME -> value of every MAP_* and SIM_* enumerator (plain {@code NAME = v} or table line {@code X(NAME, v, ops)}). */
    private static Map<String, Integer> enumerators() throws IOException {
        String text = Files.readString(HEADER);
        Map<String, Integer> out = new TreeMap<>();
        Matcher m = Pattern.compile("\\b((?:MAP|SIM)_[A-Z0-9_]+)\\s*(?:=|,)\\s*(\\d+)").matcher(text);
        while (m.find()) {
            Integer old = out.put(m.group(1), Integer.parseInt(m.group(2)));
            if (old != null) throw new AssertionError(m.group(1) + " is declared twice in " + HEADER);
        }
        return out;
    }

    private static String mapEnumerator(MapKind k) {
        return "MAP_" + k.name();
    }

    private static String similarityEnumerator(Similarity.Kind k) {
        return switch (k) {
            case DOT -> "SIM_DOT";
            case KERNEL -> "SIM_KERNEL";
            case NEGATIVE_L2 -> "SIM_NEG_L2";
            case NEGATIVE_MANHATTAN -> "SIM_NEG_L1";
            case COSINE -> "SIM_COSINE";
        };
    }

    @Test
    void everyJavaCodeEqualsTheHeaderValue() throws IOException {
        Map<String, Integer> header = enumerators();
        Map<String, Integer> java = new TreeMap<>();
        for (MapKind k : MapKind.values()) java.put(mapEnumerator(k), k.nativeCode());
        for (Similarity.Kind k : Similarity.Kind.values()) java.put(similarityEnumerator(k), k.nativeCode());
        assertEquals(header, java, "hopfield4j_kinds.h and the Java registries (MapKind, Similarity.Kind) disagree");
    }

    @Test
    void theParserReadsTheTableAndThePlainEnumerators() throws IOException {
        Map<String, Integer> header = enumerators();
        assertEquals(1, header.get("MAP_SPARSEMAX"));   // a line of the X-macro table
        assertEquals(4, header.get("MAP_POLY"));        // a plain enumerator
        assertEquals(3, header.get("SIM_NEG_L1"));
    }
}
