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
import java.util.Optional;

/**
 * The members of one JSON object with the path that leads to it, so every type error names its place. Members the
 * reader does not ask for are ignored: Unleash adds fields to its answer over time. A member set to {@code null} is
 * read as absent, as Unleash's own clients do.
 */
final class Fields {

    /** Reads one element of an array; may throw with the element's place. */
    interface Reader<T> {
        T read(JsonNode node, List<Object> path) throws InvalidJson;
    }

    private final JsonObject object;
    private final List<Object> path;

    private Fields(JsonObject object, List<Object> path) {
        this.object = object;
        this.path = List.copyOf(path);
    }

    static Fields of(JsonNode node, List<Object> path) throws InvalidJson {
        if (node instanceof JsonObject object) {
            return new Fields(object, path);
        }
        throw mismatch(node, path, "an object");
    }

    boolean has(String name) {
        return member(name) != null;
    }

    List<Object> path() {
        return path;
    }

    String requiredString(String name) throws InvalidJson {
        return optionalString(name).orElseThrow(() -> missing(name, "a string"));
    }

    Optional<String> optionalString(String name) throws InvalidJson {
        JsonNode node = member(name);
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof JsonString s) {
            return Optional.of(s.value());
        }
        throw mismatch(node, at(name), "a string");
    }

    boolean optionalBoolean(String name, boolean absent) throws InvalidJson {
        JsonNode node = member(name);
        if (node == null) {
            return absent;
        }
        if (node instanceof JsonBoolean b) {
            return b.value();
        }
        throw mismatch(node, at(name), "true or false");
    }

    boolean requiredBoolean(String name) throws InvalidJson {
        if (member(name) == null) {
            throw missing(name, "true or false");
        }
        return optionalBoolean(name, false);
    }

    Optional<Integer> optionalInt(String name) throws InvalidJson {
        JsonNode node = member(name);
        if (node == null) {
            return Optional.empty();
        }
        return Optional.of(integer(node, at(name)));
    }

    int requiredInt(String name) throws InvalidJson {
        return optionalInt(name).orElseThrow(() -> missing(name, "an integer"));
    }

    Optional<Fields> optionalObject(String name) throws InvalidJson {
        JsonNode node = member(name);
        return node == null ? Optional.empty() : Optional.of(of(node, at(name)));
    }

    <T> List<T> list(String name, Reader<T> reader) throws InvalidJson {
        JsonNode node = member(name);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof JsonArray array)) {
            throw mismatch(node, at(name), "an array");
        }
        List<T> out = new ArrayList<>(array.items().size());
        for (int i = 0; i < array.items().size(); i++) {
            List<Object> itemPath = new ArrayList<>(at(name));
            itemPath.add(i);
            out.add(reader.read(array.items().get(i), itemPath));
        }
        return out;
    }

    /** An object whose every member is a string: Unleash's strategy parameters. */
    Map<String, String> stringMap(String name) throws InvalidJson {
        Optional<Fields> fields = optionalObject(name);
        if (fields.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fields.get().object.members().entrySet()) {
            out.put(entry.getKey(), text(entry.getValue(), fields.get().at(entry.getKey())));
        }
        return out;
    }

    static String text(JsonNode node, List<Object> path) throws InvalidJson {
        if (node instanceof JsonString s) {
            return s.value();
        }
        throw mismatch(node, path, "a string");
    }

    static int integer(JsonNode node, List<Object> path) throws InvalidJson {
        if (node instanceof JsonNumber n) {
            try {
                return Integer.parseInt(n.text());
            } catch (NumberFormatException e) {
                throw new InvalidJson(
                        n.line(), n.column(), JsonParser.pathText(path), "expected an integer, got " + n.text());
            }
        }
        throw mismatch(node, path, "an integer");
    }

    /** A member that must be there, with its path for the reader that reads it. */
    JsonNode required(String name, String expected) throws InvalidJson {
        JsonNode node = member(name);
        if (node == null) {
            throw missing(name, expected);
        }
        return node;
    }

    List<Object> pathOf(String name) {
        return at(name);
    }

    InvalidJson invalid(String name, String problem) {
        JsonNode node = member(name);
        JsonNode place = node == null ? object : node;
        return new InvalidJson(place.line(), place.column(), JsonParser.pathText(at(name)), problem);
    }

    private JsonNode member(String name) {
        JsonNode node = object.members().get(name);
        return node instanceof JsonNull ? null : node;
    }

    private List<Object> at(String name) {
        List<Object> out = new ArrayList<>(path);
        out.add(name);
        return out;
    }

    private InvalidJson missing(String name, String expected) {
        return new InvalidJson(
                object.line(),
                object.column(),
                JsonParser.pathText(path),
                "missing \"" + name + "\", expected " + expected);
    }

    static InvalidJson mismatch(JsonNode node, List<Object> path, String expected) {
        String got = node instanceof JsonString s
                ? "\"" + s.value() + "\""
                : node instanceof JsonNumber n ? n.text() : node.kind();
        return new InvalidJson(
                node.line(), node.column(), JsonParser.pathText(path), "expected " + expected + ", got " + got);
    }
}
