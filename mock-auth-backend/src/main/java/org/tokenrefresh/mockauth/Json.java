package org.tokenrefresh.mockauth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer and a strict reader (RFC 8259). The reader accepts one object whose values are
 * strings, numbers, booleans or null ({@link #parseObject}, for request bodies), for token claims also
 * arrays of those ({@link #parseClaims}), and any nesting only where the mock reads its own control answers
 * ({@link #parseDocument}). Anything else, duplicate keys and trailing content are errors, reported as
 * {@link IllegalArgumentException}.
 *
 * <p>This is deliberately the mock's own code, never the library's JSON reader or writer: the mock is the
 * test oracle of the library's protocol code, and a shared escaping or parsing bug would be symmetrical,
 * so that both sides agree on the wrong bytes and no test could see it.
 */
final class Json {

    /** How much nesting the reader accepts. */
    private enum Nesting { FLAT, SCALAR_ARRAYS, ANY }

    private final String text;
    private final Nesting nesting;
    private int pos;

    private Json(String text, Nesting nesting) {
        this.text = text;
        this.nesting = nesting;
    }

    /** Writes a map as a JSON object; values may be strings, numbers, booleans, null, lists or nested maps. */
    static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder();
        writeValue(out, object);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.append(first ? "" : ",");
                writeString(out, String.valueOf(entry.getKey()));
                out.append(':');
                writeValue(out, entry.getValue());
                first = false;
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                out.append(first ? "" : ",");
                writeValue(out, item);
                first = false;
            }
            out.append(']');
        } else {
            writeString(out, value.toString());
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                // escape markup characters too, so that a value can never break out when shown in HTML
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Decodes UTF-8 strictly: malformed input is an error rather than replacement characters. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("body is not valid UTF-8", e);
        }
    }

    /** Parses one flat JSON object. Numbers become {@code Long} when integral, else {@code Double}. */
    static Map<String, Object> parseObject(String text) {
        return parse(text, Nesting.FLAT);
    }

    /** Parses a JWT's claims: as {@link #parseObject}, and arrays of scalars become unmodifiable lists. */
    static Map<String, Object> parseClaims(String text) {
        return parse(text, Nesting.SCALAR_ARRAYS);
    }

    /** Parses an object with nested objects (maps) and arrays (lists) of any depth. */
    static Map<String, Object> parseDocument(String text) {
        return parse(text, Nesting.ANY);
    }

    private static Map<String, Object> parse(String text, Nesting nesting) {
        Json parser = new Json(text, nesting);
        Map<String, Object> result = parser.object();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected content after the object");
        }
        return result;
    }

    private Map<String, Object> object() {
        skipWhitespace();
        Map<String, Object> result = new LinkedHashMap<>();
        elements('{', '}', () -> {
            String key = string();
            if (result.containsKey(key)) {
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            result.put(key, value());
        });
        return result;
    }

    private Object value() {
        char c = peek();
        if (c == '[' && nesting != Nesting.FLAT) {
            return array();
        }
        if (c == '{' && nesting == Nesting.ANY) {
            return object();
        }
        return scalar();
    }

    private List<Object> array() {
        List<Object> result = new ArrayList<>();
        elements('[', ']', () -> result.add(nesting == Nesting.ANY ? value() : scalar()));
        return Collections.unmodifiableList(result);
    }

    /** Reads the elements of an object or array, each with {@code element}, from its opening to its closing bracket. */
    private void elements(char open, char close, Runnable element) {
        expect(open);
        skipWhitespace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            element.run();
            skipWhitespace();
            char c = next();
            if (c == close) {
                return;
            }
            if (c != ',') {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private Object scalar() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            throw error("nested values are not supported");
        }
        if (text.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        return number();
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String n = text.substring(start, pos);
        if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            pos = start;
            throw error("invalid value");
        }
        if (n.matches("-?[0-9]{1,18}")) {
            return Long.valueOf(n);
        }
        return Double.valueOf(n);
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        for (char c = next(); c != '"'; c = next()) {
            if (c < 0x20) {
                throw error("unescaped control character in string");
            }
            out.append(c == '\\' ? escaped() : c);
        }
        return out.toString();
    }

    /** The character that the escape after a backslash stands for (RFC 8259 §7). */
    private char escaped() {
        char e = next();
        int simple = "\"\\/bfnrt".indexOf(e);
        if (simple >= 0) {
            return "\"\\/\b\f\n\r\t".charAt(simple);
        }
        if (e == 'u' && pos + 4 <= text.length() && text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
            pos += 4;
            return (char) Integer.parseInt(text.substring(pos - 4, pos), 16);
        }
        throw error("invalid escape");
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
    }
}
