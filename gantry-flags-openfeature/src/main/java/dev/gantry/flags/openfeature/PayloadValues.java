package dev.gantry.flags.openfeature;

import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.JsonNode;
import dev.gantry.flags.sdk.json.JsonParser;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A JSON payload as an OpenFeature {@link Value}: objects are structures, numbers integers when they fit. */
final class PayloadValues {

    private PayloadValues() {}

    static Value json(String text) throws InvalidJson {
        return value(JsonParser.parse(text));
    }

    private static Value value(JsonNode node) {
        if (node instanceof JsonNode.JsonObject o) {
            Map<String, Value> members = new HashMap<>();
            o.members().forEach((name, member) -> members.put(name, value(member)));
            return new Value(new MutableStructure(members));
        }
        if (node instanceof JsonNode.JsonArray a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(item -> items.add(value(item)));
            return new Value(items);
        }
        if (node instanceof JsonNode.JsonString s) {
            return new Value(s.value());
        }
        if (node instanceof JsonNode.JsonBoolean b) {
            return new Value(b.value());
        }
        if (node instanceof JsonNode.JsonNumber n) {
            try {
                return new Value(Integer.parseInt(n.text()));
            } catch (NumberFormatException notAnInt) {
                return new Value(Double.parseDouble(n.text()));
            }
        }
        return new Value();
    }
}
