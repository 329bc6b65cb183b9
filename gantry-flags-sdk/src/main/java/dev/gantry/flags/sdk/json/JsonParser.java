package dev.gantry.flags.sdk.json;

import dev.gantry.flags.sdk.json.JsonNode.JsonArray;
import dev.gantry.flags.sdk.json.JsonNode.JsonBoolean;
import dev.gantry.flags.sdk.json.JsonNode.JsonNull;
import dev.gantry.flags.sdk.json.JsonNode.JsonNumber;
import dev.gantry.flags.sdk.json.JsonNode.JsonObject;
import dev.gantry.flags.sdk.json.JsonNode.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser into {@link JsonNode}s that keep their positions. Written by hand because the SDK has no
 * dependency; every error names the line, the column and the path of the value being read.
 */
public final class JsonParser {

    private final String text;
    private final JsonLimits limits;
    private final List<Object> path = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;

    private JsonParser(String text, JsonLimits limits) {
        this.text = text;
        this.limits = limits;
    }

    public static JsonNode parse(String text) throws InvalidJson {
        return parse(text, JsonLimits.DEFAULT);
    }

    public static JsonNode parse(String text, JsonLimits limits) throws InvalidJson {
        if (text.length() > limits.maxChars()) {
            throw new InvalidJson(
                    1,
                    1,
                    "$",
                    "document of " + text.length() + " characters is over the limit of " + limits.maxChars());
        }
        JsonParser parser = new JsonParser(text, limits);
        parser.skipSpace();
        JsonNode root = parser.value();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.describeNext() + " after the end of the document");
        }
        return root;
    }

    /** The path of a value as error messages write it: {@code $} for the root, else {@code features[2].name}. */
    public static String pathText(List<?> segments) {
        if (segments.isEmpty()) {
            return "$";
        }
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.toString();
    }

    private JsonNode value() throws InvalidJson {
        if (pos >= text.length()) {
            throw error("unexpected end of the document, expected a value");
        }
        int valueLine = line;
        int valueColumn = column();
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(valueLine, valueColumn);
            case '[':
                return array(valueLine, valueColumn);
            case '"':
                return new JsonString(string(), valueLine, valueColumn);
            case 't':
                literal("true");
                return new JsonBoolean(true, valueLine, valueColumn);
            case 'f':
                literal("false");
                return new JsonBoolean(false, valueLine, valueColumn);
            case 'n':
                literal("null");
                return new JsonNull(valueLine, valueColumn);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return new JsonNumber(number(), valueLine, valueColumn);
                }
                throw error("unexpected " + describeNext() + ", expected a value");
        }
    }

    private JsonObject object(int startLine, int startColumn) throws InvalidJson {
        enter();
        pos++;
        Map<String, JsonNode> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            leave();
            return new JsonObject(members, startLine, startColumn);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("unexpected " + describeNext() + ", expected a member name in double quotes");
            }
            int nameLine = line;
            int nameColumn = column();
            String name = string();
            if (members.containsKey(name)) {
                throw new InvalidJson(nameLine, nameColumn, pathText(path), "duplicate member \"" + name + "\"");
            }
            skipSpace();
            expect(':', "':' after the member name");
            skipSpace();
            path.add(name);
            members.put(name, value());
            path.remove(path.size() - 1);
            skipSpace();
            char next = peek();
            if (next == ',') {
                pos++;
            } else if (next == '}') {
                pos++;
                leave();
                return new JsonObject(members, startLine, startColumn);
            } else {
                throw error("unexpected " + describeNext() + ", expected ',' or '}'");
            }
        }
    }

    private JsonArray array(int startLine, int startColumn) throws InvalidJson {
        enter();
        pos++;
        List<JsonNode> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            leave();
            return new JsonArray(items, startLine, startColumn);
        }
        while (true) {
            skipSpace();
            path.add(items.size());
            items.add(value());
            path.remove(path.size() - 1);
            skipSpace();
            char next = peek();
            if (next == ',') {
                pos++;
            } else if (next == ']') {
                pos++;
                leave();
                return new JsonArray(items, startLine, startColumn);
            } else {
                throw error("unexpected " + describeNext() + ", expected ',' or ']'");
            }
        }
    }

    private String string() throws InvalidJson {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unexpected end of the document inside a string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c) + " in a string must be escaped");
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            pos++;
            char escaped = peek();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 5 > text.length()) {
                        throw error("unexpected end of the document in a \\u escape");
                    }
                    int code = 0;
                    for (int i = 1; i <= 4; i++) {
                        int digit = Character.digit(text.charAt(pos + i), 16);
                        if (digit < 0) {
                            throw error("\\u must be followed by four hexadecimal digits");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                    pos += 4;
                }
                default -> throw error("unknown escape \\" + (pos < text.length() ? escaped : ""));
            }
            pos++;
        }
    }

    private String number() throws InvalidJson {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("a number needs a digit after '-'");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("a number needs a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs a digit in its exponent");
            }
            digits();
        }
        return text.substring(start, pos);
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) throws InvalidJson {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describeNext() + ", expected a value");
        }
        pos += word.length();
    }

    private void expect(char c, String what) throws InvalidJson {
        if (peek() != c) {
            throw error("unexpected " + describeNext() + ", expected " + what);
        }
        pos++;
    }

    private void enter() throws InvalidJson {
        if (depth >= limits.maxDepth()) {
            throw error("nesting deeper than the limit of " + limits.maxDepth());
        }
        depth++;
    }

    private void leave() {
        depth--;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private String describeNext() {
        if (pos >= text.length()) {
            return "end of the document";
        }
        char c = text.charAt(pos);
        return c < 0x20 ? "character U+" + String.format("%04X", (int) c) : "'" + c + "'";
    }

    private InvalidJson error(String problem) {
        return new InvalidJson(line, column(), pathText(path), problem);
    }
}
