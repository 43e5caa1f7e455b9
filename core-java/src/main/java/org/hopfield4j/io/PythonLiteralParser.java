package org.hopfield4j.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python dict literal in a {@code .npy} header, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 *
 * <p>numpy reads headers with {@code ast.literal_eval}; this is the subset of Python literals that can
 * occur there: strings (single or double quoted, optional {@code u} prefix), {@code True},
 * {@code False}, {@code None}, integers (with the {@code L} suffix that Python 2 wrote), tuples and
 * lists. It is tolerant of whitespace, trailing commas and key order, and it reports what it expected
 * and where when the text is not such a literal.
 *
 * <p>Values are returned as {@link String}, {@link Boolean}, {@link BigInteger} (so that absurdly large
 * dimensions are reported rather than wrapped), {@link PyTuple}, {@link PyList} and {@link PyNone}.
 */
final class PythonLiteralParser {

    /** A Python tuple, e.g. a shape. */
    record PyTuple(List<Object> items) {
    }

    /** A Python list, e.g. the descr of a structured dtype. */
    record PyList(List<Object> items) {
    }

    /** Python's {@code None}. */
    enum PyNone {
        NONE
    }

    /**
     * How deeply tuples and lists may nest. numpy's own headers nest at most three deep (a structured
     * dtype: a list of tuples holding a shape tuple); the parser recurses once per level, so without a
     * bound a header of a few kilobytes of '(' overflows the stack.
     */
    static final int MAX_NESTING = 32;

    private final String text;
    private final String source;
    private int pos;
    private int depth;

    private PythonLiteralParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Parses {@code text}, which must be a single dict literal with string keys, optionally surrounded by
     * whitespace (numpy pads headers with spaces and a newline).
     *
     * @param source file or stream name for error messages
     * @return the entries in the order they appear
     * @throws NpyFormatException if the text is not such a literal or a key repeats
     */
    static Map<String, Object> parseDict(String text, String source) throws NpyFormatException {
        PythonLiteralParser parser = new PythonLiteralParser(text, source);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw parser.error("expected the header to be a dict starting with '{'");
        }
        Map<String, Object> dict = parser.dict();
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw parser.error("expected only padding after the dict");
        }
        return dict;
    }

    /** The value as Python's {@code repr} would print it, for messages. */
    static String repr(Object value) {
        if (value instanceof String) {
            return "'" + ((String) value).replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        if (value instanceof PyTuple) {
            List<Object> items = ((PyTuple) value).items();
            return "(" + joinRepr(items) + (items.size() == 1 ? ",)" : ")");
        }
        if (value instanceof PyList) {
            return "[" + joinRepr(((PyList) value).items()) + "]";
        }
        if (value instanceof PyNone) {
            return "None";
        }
        return String.valueOf(value);
    }

    private static String joinRepr(List<Object> items) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(repr(items.get(i)));
        }
        return text.toString();
    }

    private Map<String, Object> dict() throws NpyFormatException {
        expect('{');
        Map<String, Object> entries = new LinkedHashMap<>();
        skipWhitespace();
        while (peek() != '}') {
            int keyStart = pos;
            Object key = value();
            if (!(key instanceof String)) {
                pos = keyStart;
                throw error("expected a string key but found " + repr(key));
            }
            skipWhitespace();
            expect(':');
            Object value = value();
            if (entries.containsKey(key)) {
                pos = keyStart;
                throw error("duplicate key " + repr(key));
            }
            entries.put((String) key, value);
            if (!separatorOrEnd('}')) {
                throw error("expected ',' or '}'");
            }
        }
        pos++;
        return entries;
    }

    /** Consumes a ',' (and returns true) or checks that {@code close} comes next; false otherwise. */
    private boolean separatorOrEnd(char close) {
        skipWhitespace();
        if (peek() == ',') {
            pos++;
            skipWhitespace();
            return true;
        }
        return peek() == close;
    }

    private Object value() throws NpyFormatException {
        skipWhitespace();
        char c = peek();
        if (c == '\'' || c == '"') {
            return string();
        }
        char after = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        if ((c == 'u' || c == 'U') && (after == '\'' || after == '"')) {
            pos++; // Python 2 unicode literal: the prefix changes nothing for ASCII keys
            return string();
        }
        if (c == '(') {
            return tuple();
        }
        if (c == '[') {
            return new PyList(sequence('[', ']'));
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return integer();
        }
        if (Character.isLetter(c)) {
            return keyword();
        }
        throw error(atEnd() ? "unexpected end of header, expected a value" : "expected a value");
    }

    private Object tuple() throws NpyFormatException {
        List<Object> items = sequence('(', ')');
        // In Python "(3)" is just the int 3; only a trailing comma makes a one-element tuple "(3,)".
        if (items.size() == 1 && !commaBeforeClosing()) {
            return items.get(0);
        }
        return new PyTuple(items);
    }

    /** Whether the last non-blank character before the just-consumed closing bracket is a comma. */
    private boolean commaBeforeClosing() {
        int i = pos - 2;
        while (i >= 0 && isPythonWhitespace(text.charAt(i))) {
            i--;
        }
        return i >= 0 && text.charAt(i) == ',';
    }

    private List<Object> sequence(char open, char close) throws NpyFormatException {
        if (depth == MAX_NESTING) {
            throw error("tuples and lists nested more than " + MAX_NESTING + " deep");
        }
        expect(open);
        depth++;
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        while (peek() != close) {
            items.add(value());
            if (!separatorOrEnd(close)) {
                throw error("expected ',' or '" + close + "'");
            }
        }
        pos++;
        depth--;
        return Collections.unmodifiableList(items);
    }

    private BigInteger integer() throws NpyFormatException {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        int digitsStart = pos;
        while (!atEnd() && Character.isDigit(peek())) {
            pos++;
        }
        if (pos == digitsStart) {
            throw error("expected digits");
        }
        BigInteger number = new BigInteger(text.substring(start, pos));
        if (peek() == 'L' || peek() == 'l') {
            pos++; // Python 2 long suffix, written by numpy on Python 2
        }
        char next = peek();
        if (next == '.' || next == 'e' || next == 'E' || next == 'j' || Character.isLetterOrDigit(next)) {
            pos = start;
            throw error("expected an integer");
        }
        return number;
    }

    private Object keyword() throws NpyFormatException {
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        String word = text.substring(start, pos);
        switch (word) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return PyNone.NONE;
            default:
                pos = start;
                throw error("expected a literal but found the name '" + word + "'");
        }
    }

    private String string() throws NpyFormatException {
        int start = pos;
        char quote = text.charAt(pos++);
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\n') {
                pos = start;
                throw error("unterminated string");
            }
            if (c == '\\' && !atEnd()) {
                value.append(escaped(text.charAt(pos++)));
            } else {
                value.append(c);
            }
        }
    }

    /** The common Python escapes; an unknown escape keeps its backslash, as Python does. */
    private String escaped(char c) {
        switch (c) {
            case 'n':
                return "\n";
            case 't':
                return "\t";
            case 'r':
                return "\r";
            case '0':
                return "\0";
            case '\\':
            case '\'':
            case '"':
                return String.valueOf(c);
            default:
                return "\\" + c;
        }
    }

    private void expect(char c) throws NpyFormatException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipWhitespace() {
        while (!atEnd() && isPythonWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isPythonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    /** The next character, or NUL at the end (NUL never matches anything the grammar expects). */
    private char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    private NpyFormatException error(String expectation) {
        String found = atEnd() ? "end of header" : "'" + NpyFormat.excerpt(String.valueOf(peek())) + "'";
        return new NpyFormatException(source, "malformed header dict: " + expectation + " at offset " + pos
                + ", found " + found + "; header: " + NpyFormat.excerpt(text));
    }
}
