package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.hopfield4j.io.PythonLiteralParser.PyList;
import org.hopfield4j.io.PythonLiteralParser.PyNone;
import org.hopfield4j.io.PythonLiteralParser.PyTuple;
import org.junit.jupiter.api.Test;

/** The .npy header grammar value by value, and each malformed header's message: what, where, what came. */
class PythonLiteralParserTest {

    private static Map<String, Object> parse(String text) throws NpyFormatException {
        return PythonLiteralParser.parseDict(text, "h");
    }

    private static void rejects(String text, String detail) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> parse(text));
        assertEquals("h: malformed header dict: " + detail + "; header: " + NpyFormat.excerpt(text), e.getMessage());
    }

    private static BigInteger n(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void everyLiteralOfTheGrammar() throws NpyFormatException {
        Map<String, Object> d = parse(" \t{u'a': \"x\\ty\", 'b': True, 'c': False, 'd': None, 'e': -3L, 'f': +7,"
                + " 'g': (2,), 'h': (2), 'i': (1, 2 ,), 'j': [('x', '<f4', (3,)),], 'k': (), 'l': U'\\n\\r\\0\\\\\\'\\\"\\q'}\n\f\r");
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"), List.copyOf(d.keySet()));
        assertEquals("x\ty", d.get("a"));
        assertEquals(Boolean.TRUE, d.get("b"));
        assertEquals(Boolean.FALSE, d.get("c"));
        assertEquals(PyNone.NONE, d.get("d"));
        assertEquals(n(-3), d.get("e"));
        assertEquals(n(7), d.get("f"));
        assertEquals(new PyTuple(List.of(n(2))), d.get("g"));
        assertEquals(n(2), d.get("h"), "(2) is the int 2");
        assertEquals(new PyTuple(List.of(n(1), n(2))), d.get("i"));
        assertEquals(new PyList(List.of(new PyTuple(List.of("x", "<f4", new PyTuple(List.of(n(3))))))), d.get("j"));
        assertEquals(new PyTuple(List.of()), d.get("k"));
        assertEquals("\n\r\0\\'\"\\q", d.get("l"), "an unknown escape keeps its backslash");
        assertEquals(Map.of(), parse("{}"));
        assertEquals(Map.of(), parse("{ \n}"));
        assertEquals(Map.of("s", new PyTuple(List.of(n(3)))), parse("{ 's' :( 3 , ) }"), "blanks around the comma");
        assertEquals(Map.of("s", new PyTuple(List.of(n(3)))), parse("{'s': (3,\t)}"));
        assertEquals(Map.of("s", n(3)), parse("{'s': ( 3 )}"));
    }

    @Test
    void siblingsDoNotCountAsNesting() throws NpyFormatException {
        int n = 3 * PythonLiteralParser.MAX_NESTING;
        assertEquals(n, ((PyList) parse("{'a': [" + "(1,), ".repeat(n) + "]}").get("a")).items().size());
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < n; i++) keys.append("'k").append(i).append("': [( )], ");
        Map<String, Object> d = parse(keys.append("}").toString());
        assertEquals(n, d.size());
        assertEquals(new PyList(List.of(new PyTuple(List.of()))), d.get("k" + (n - 1)), "( ) is the empty tuple");
    }

    @Test
    void reprPrintsAsPythonWould() {
        assertEquals("'it\\'s \\\\'", PythonLiteralParser.repr("it's \\"));
        assertEquals("True", PythonLiteralParser.repr(true));
        assertEquals("False", PythonLiteralParser.repr(false));
        assertEquals("None", PythonLiteralParser.repr(PyNone.NONE));
        assertEquals("(3,)", PythonLiteralParser.repr(new PyTuple(List.of(n(3)))));
        assertEquals("(3, 'a')", PythonLiteralParser.repr(new PyTuple(List.of(n(3), "a"))));
        assertEquals("()", PythonLiteralParser.repr(new PyTuple(List.of())));
        assertEquals("[1, (2,)]", PythonLiteralParser.repr(new PyList(List.of(n(1), new PyTuple(List.of(n(2)))))));
        assertEquals("12", PythonLiteralParser.repr(n(12)));
    }

    @Test
    void malformedHeadersSayWhatWasExpectedWhereAndWhatCame() {
        rejects("", "expected the header to be a dict starting with '{' at offset 0, found end of header");
        rejects("  [1]", "expected the header to be a dict starting with '{' at offset 2, found '['");
        rejects("{} x", "expected only padding after the dict at offset 3, found 'x'");
        rejects("{1: 2}", "expected a string key but found 1 at offset 1, found '1'");
        rejects("{'a' 2}", "expected ':' at offset 5, found '2'");
        rejects("{'a': 1, 'a': 2}", "duplicate key 'a' at offset 9, found '''");
        rejects("{'a': 1 'b': 2}", "expected ',' or '}' at offset 8, found '''");
        rejects("{'a': (1 2)}", "expected ',' or ')' at offset 9, found '2'");
        rejects("{'a': ", "unexpected end of header, expected a value at offset 6, found end of header");
        rejects("{'a': @}", "expected a value at offset 6, found '@'");
        rejects("{'a': -}", "expected digits at offset 7, found '}'");
        rejects("{'a': 1.5}", "expected an integer at offset 6, found '1'");
        rejects("{'a': 1e3}", "expected an integer at offset 6, found '1'");
        rejects("{'a': 2j}", "expected an integer at offset 6, found '2'");
        rejects("{'a': 3Lx}", "expected an integer at offset 6, found '3'");
        rejects("{'a': true}", "expected a literal but found the name 'true' at offset 6, found 't'");
        rejects("{'a': nan_1}", "expected a literal but found the name 'nan_1' at offset 6, found 'n'");
        rejects("{'a': 'x}", "unterminated string at offset 6, found '''");
        rejects("{'a': 'x\n'}", "unterminated string at offset 6, found '''");
        rejects("{'a': 'x\\", "unterminated string at offset 6, found '''");
        rejects("{'a': u}", "expected a literal but found the name 'u' at offset 6, found 'u'");
        rejects("{'a': u", "expected a literal but found the name 'u' at offset 6, found 'u'");
    }

    @Test
    void nestingIsBoundedAtExactlyTheLimit() throws NpyFormatException {
        int max = PythonLiteralParser.MAX_NESTING;
        String deepest = "{'a': " + "[".repeat(max) + "]".repeat(max) + "}";
        Object v = parse(deepest).get("a");
        for (int i = 1; i < max; i++) v = ((PyList) v).items().get(0);
        assertEquals(new PyList(List.of()), v);
        assertEquals(new PyTuple(List.of()), parse("{'a': ((()))}").get("a"), "(x) is x, down to ()");
        String tooDeep = "{'a': " + "[".repeat(max + 1) + "]".repeat(max + 1) + "}";
        rejects(tooDeep, "tuples and lists nested more than " + max + " deep at offset " + (6 + max) + ", found '['");
    }
}
