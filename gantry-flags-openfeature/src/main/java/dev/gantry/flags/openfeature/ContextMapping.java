package dev.gantry.flags.openfeature;

import dev.gantry.flags.sdk.FlagContext;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * An OpenFeature evaluation context as Unleash's: the targeting key is {@code userId}; attributes named
 * {@code userId}, {@code sessionId}, {@code remoteAddress}, {@code environment}, {@code appName} and
 * {@code currentTime} fill those fields; every other attribute with a single value (text, number, boolean, instant) is
 * a property, as are the entries of a {@code properties} structure. Lists and other structures have no Unleash
 * equivalent and are left out.
 */
final class ContextMapping {

    private ContextMapping() {}

    static FlagContext from(EvaluationContext context) {
        if (context == null) {
            return FlagContext.EMPTY;
        }
        Map<String, Value> attributes = context.asMap();
        Map<String, String> properties = new HashMap<>();
        Value nested = attributes.get("properties");
        if (nested != null && nested.isStructure()) {
            addScalars(nested.asStructure(), properties);
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, Value> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            if (name.equals(EvaluationContext.TARGETING_KEY) || name.equals("properties")) {
                continue;
            }
            String text = scalar(attribute.getValue());
            if (text == null) {
                continue;
            }
            switch (name) {
                case "userId", "sessionId", "remoteAddress", "environment", "appName", "currentTime" ->
                    fields.put(name, text);
                default -> properties.put(name, text);
            }
        }
        String targetingKey = context.getTargetingKey();
        String userId = targetingKey != null && !targetingKey.isEmpty() ? targetingKey : fields.get("userId");
        return new FlagContext(
                userId,
                fields.get("sessionId"),
                fields.get("remoteAddress"),
                fields.get("environment"),
                fields.get("appName"),
                fields.get("currentTime"),
                properties);
    }

    private static void addScalars(Structure structure, Map<String, String> into) {
        for (Map.Entry<String, Value> entry : structure.asMap().entrySet()) {
            String text = scalar(entry.getValue());
            if (text != null) {
                into.put(entry.getKey(), text);
            }
        }
    }

    /** The value as Unleash's context holds it, a string; null for lists, structures and null. */
    private static String scalar(Value value) {
        if (value == null || value.isNull() || value.isList() || value.isStructure()) {
            return null;
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isBoolean()) {
            return value.asBoolean().toString();
        }
        if (value.isInstant()) {
            return value.asInstant().toString();
        }
        Object number = value.asObject();
        return number == null ? null : number.toString();
    }
}
