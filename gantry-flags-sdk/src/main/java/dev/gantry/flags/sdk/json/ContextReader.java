package dev.gantry.flags.sdk.json;

import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.json.JsonNode.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a context written as JSON: Unleash's fields ({@code userId}, {@code sessionId}, {@code remoteAddress},
 * {@code environment}, {@code appName}, {@code currentTime}) and {@code properties}, an object of strings. A person
 * types this, so an unknown member is an error that lists the known ones.
 */
public final class ContextReader {

    private static final Set<String> KNOWN = new TreeSet<>(
            List.of("userId", "sessionId", "remoteAddress", "environment", "appName", "currentTime", "properties"));

    private ContextReader() {}

    public static FlagContext read(String json) throws InvalidJson {
        JsonNode root = JsonParser.parse(json, new JsonLimits(1024 * 1024, 8));
        Fields f = Fields.of(root, List.of());
        for (String name : ((JsonObject) root).members().keySet()) {
            if (!KNOWN.contains(name)) {
                throw f.invalid(
                        name,
                        "unknown context field \"" + name + "\", expected one of " + String.join(", ", KNOWN)
                                + " (put other fields in properties)");
            }
        }
        return new FlagContext(
                f.optionalString("userId").orElse(null),
                f.optionalString("sessionId").orElse(null),
                f.optionalString("remoteAddress").orElse(null),
                f.optionalString("environment").orElse(null),
                f.optionalString("appName").orElse(null),
                f.optionalString("currentTime").orElse(null),
                f.stringMap("properties"));
    }
}
