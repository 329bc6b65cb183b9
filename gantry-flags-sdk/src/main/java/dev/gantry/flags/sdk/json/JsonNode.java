package dev.gantry.flags.sdk.json;

import java.util.List;
import java.util.Map;

/** A parsed JSON value that remembers where it started (1-based line and column), so later checks can point at it. */
public sealed interface JsonNode {

    int line();

    int column();

    /** What the value is, as an error message names it: "an object", "a string", ... */
    String kind();

    /** Members in document order; duplicate names are refused by the parser. */
    record JsonObject(Map<String, JsonNode> members, int line, int column) implements JsonNode {
        public JsonObject {
            members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    record JsonArray(List<JsonNode> items, int line, int column) implements JsonNode {
        public JsonArray {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    record JsonString(String value, int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /** The number as written, so an integer is never rounded through a double. */
    record JsonNumber(String text, int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "a number";
        }
    }

    record JsonBoolean(boolean value, int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    record JsonNull(int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "null";
        }
    }
}
