package dev.connject.injector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON the agent writes, its status and its events: objects become maps in field
 * order, arrays lists, numbers {@code Long} or {@code Double}, and strings, booleans and null
 * what they are.
 */
final class JsonReader {

    private final String text;
    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * The JSON object that {@code text} holds.
     *
     * @throws IllegalArgumentException if {@code text} is not one JSON object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipWhitespace();
        if (!(value instanceof Map) || reader.position != text.length()) {
            throw new IllegalArgumentException("not one JSON object: " + text);
        }
        return (Map<String, Object>) value;
    }

    private Object value() {
        skipWhitespace();
        char first = peek();
        switch (first) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return object;
        }
        do {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            object.put(key, value());
            skipWhitespace();
        } while (next() == ',');
        requirePrevious('}');
        return object;
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return array;
        }
        do {
            array.add(value());
            skipWhitespace();
        } while (next() == ',');
        requirePrevious(']');
        return array;
    }

    private String string() {
        expect('"');
        StringBuilder string = new StringBuilder();
        for (char c = next(); c != '"'; c = next()) {
            if (c != '\\') {
                string.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case 'b':
                    string.append('\b');
                    break;
                case 'f':
                    string.append('\f');
                    break;
                case 'n':
                    string.append('\n');
                    break;
                case 'r':
                    string.append('\r');
                    break;
                case 't':
                    string.append('\t');
                    break;
                case 'u':
                    string.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    position += 4;
                    break;
                default:
                    string.append(escaped);
            }
        }
        return string.toString();
    }

    private Object number() {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        if (number.isEmpty()) {
            throw new IllegalArgumentException("unexpected '" + peek() + "' at " + start + " in " + text);
        }
        return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw new IllegalArgumentException("unexpected '" + peek() + "' at " + position + " in " + text);
        }
        position += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private char peek() {
        if (position >= text.length()) {
            throw new IllegalArgumentException("unexpected end of " + text);
        }
        return text.charAt(position);
    }

    private char next() {
        char c = peek();
        position++;
        return c;
    }

    private void expect(char expected) {
        if (next() != expected) {
            throw new IllegalArgumentException("expected '" + expected + "' at " + (position - 1) + " in " + text);
        }
    }

    private void requirePrevious(char expected) {
        if (text.charAt(position - 1) != expected) {
            throw new IllegalArgumentException("expected '" + expected + "' at " + (position - 1) + " in " + text);
        }
    }
}
