package org.tokenrefresh.internal.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259) for the auth backend's answers, which are a few flat members.
 * Kept in-house so that the jar needs no JSON library and drops into any container without class-path
 * clashes. Objects become {@link Map}, arrays {@link List}, numbers {@link Long} or {@link Double}.
 * Nesting is limited to {@value #MAX_DEPTH} levels.
 */
public final class JsonReader {

    static final int MAX_DEPTH = 32;

    /** Thrown for malformed input; the message names the position, never the content. */
    public static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message, int position) {
            super(message + " at character " + position);
        }
    }

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses a whole document that must be a JSON object. */
    public static Map<String, Object> readObject(String text) throws MalformedJsonException {
        JsonReader reader = new JsonReader(text);
        reader.skipSpace();
        if (reader.peek() != '{') {
            throw new MalformedJsonException("expected a JSON object", reader.pos);
        }
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw new MalformedJsonException("unexpected content after the JSON object", reader.pos);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    private Object value(int depth) throws MalformedJsonException {
        if (depth >= MAX_DEPTH) {
            throw new MalformedJsonException("nested too deeply", pos);
        }
        skipSpace();
        char c = peek();
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new MalformedJsonException("unexpected character", pos);
        }
    }

    private Map<String, Object> object(int depth) throws MalformedJsonException {
        Map<String, Object> members = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw new MalformedJsonException("expected a member name", pos);
            }
            String name = string();
            skipSpace();
            expect(':');
            members.put(name, value(depth + 1));
            skipSpace();
            char c = next();
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw new MalformedJsonException("expected ',' or '}'", pos - 1);
            }
        }
    }

    private List<Object> array(int depth) throws MalformedJsonException {
        List<Object> items = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            items.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') {
                return items;
            }
            if (c != ',') {
                throw new MalformedJsonException("expected ',' or ']'", pos - 1);
            }
        }
    }

    private String string() throws MalformedJsonException {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new MalformedJsonException("control character in string", pos - 1);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"': case '\\': case '/':
                    out.append(e);
                    break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw new MalformedJsonException("truncated \\u escape", pos);
                    }
                    int code = 0;
                    for (int i = pos; i < pos + 4; i++) {
                        // exactly four ASCII hex digits (Integer.parseInt would also take a sign)
                        char hex = text.charAt(i);
                        int digit = hex <= 'f' ? Character.digit(hex, 16) : -1;
                        if (digit < 0) {
                            throw new MalformedJsonException("bad \\u escape", pos);
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                    pos += 4;
                    break;
                default:
                    throw new MalformedJsonException("bad escape", pos - 1);
            }
        }
    }

    private Object number() throws MalformedJsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        boolean integral = true;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c >= '0' && c <= '9') {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                pos++;
            } else {
                break;
            }
        }
        String literal = text.substring(start, pos);
        try {
            if (integral && literal.length() < 19) {
                return Long.parseLong(literal);
            }
            double value = Double.parseDouble(literal);
            if (Double.isInfinite(value) || Double.isNaN(value)) {
                throw new MalformedJsonException("number out of range", start);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new MalformedJsonException("bad number", start);
        }
    }

    private Object literal(String word, Object value) throws MalformedJsonException {
        if (!text.startsWith(word, pos)) {
            throw new MalformedJsonException("unexpected literal", pos);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws MalformedJsonException {
        if (next() != c) {
            throw new MalformedJsonException("expected '" + c + "'", pos - 1);
        }
    }

    private char peek() throws MalformedJsonException {
        if (pos >= text.length()) {
            throw new MalformedJsonException("unexpected end", pos);
        }
        return text.charAt(pos);
    }

    private char next() throws MalformedJsonException {
        char c = peek();
        pos++;
        return c;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** Writes a JSON string literal, escaping as RFC 8259 section 7 requires. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
