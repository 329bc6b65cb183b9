package dev.gantry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.server.api.ApiJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the bodies Unleash's SDKs post: a registration and a metrics report, in the shapes Unleash's server takes
 * ({@code clientRegisterSchema}, {@code clientMetricsSchema}). Fields Gantry does not keep (environment, platform,
 * connection id) are let through, as Unleash does; a field it keeps that is missing or of the wrong kind is refused
 * with its path.
 */
final class UnleashBodies {

    private static final ObjectMapper JSON = ApiJson.mapper();

    /** The longest text kept of a name, a version or an id. */
    static final int LONGEST = 200;

    private UnleashBodies() {}

    /** What an SDK instance says of itself when it starts. */
    record Registration(
            String appName,
            String instanceId,
            String sdkVersion,
            List<String> strategies,
            Instant started,
            long interval) {}

    /** How often each flag was on and off, and each variant given, between {@code start} and {@code stop}. */
    record MetricsReport(String appName, String instanceId, Instant start, Instant stop, List<FlagCount> flags) {}

    record FlagCount(String flag, long yes, long no, Map<String, Long> variants) {}

    /**
     * @param instanceId the instance's id from its {@code UNLEASH-INSTANCEID} header, for a body that names none
     * @param sdk the SDK from its {@code UNLEASH-SDK} header, for a body that names none
     */
    static Registration registration(String body, Optional<String> instanceId, Optional<String> sdk) {
        JsonNode root = object(
                body,
                "{\"appName\": ..., \"instanceId\": ..., \"sdkVersion\": ..., \"strategies\":"
                        + " [...], \"started\": ..., \"interval\": ...}");
        List<String> strategies = new ArrayList<>();
        JsonNode list = required(root, "strategies", "");
        if (!list.isArray()) throw wrong("strategies", "an array of strategy names", list);
        for (int i = 0; i < list.size(); i++) {
            JsonNode name = list.get(i);
            if (!name.isTextual()) throw wrong("strategies[" + i + "]", "a strategy's name", name);
            strategies.add(name.asText());
        }
        return new Registration(
                name(root, "appName", ""),
                optionalName(root, "instanceId", "").or(() -> instanceId).orElse("default"),
                optionalName(root, "sdkVersion", "").or(() -> sdk).orElse("unknown"),
                strategies,
                time(root, "started", ""),
                count(root, "interval", ""));
    }

    static MetricsReport metrics(String body, Optional<String> instanceId) {
        JsonNode root = object(
                body,
                "{\"appName\": ..., \"instanceId\": ..., \"bucket\": {\"start\": ..., \"stop\":"
                        + " ..., \"toggles\": {\"FLAG\": {\"yes\": N, \"no\": N, \"variants\": {...}}}}}");
        String appName = name(root, "appName", "");
        String instance =
                optionalName(root, "instanceId", "").or(() -> instanceId).orElse("default");
        JsonNode bucket = required(root, "bucket", "");
        if (!bucket.isObject()) throw wrong("bucket", "an object with start, stop and toggles", bucket);
        Instant start = time(bucket, "start", "bucket.");
        Instant stop = time(bucket, "stop", "bucket.");
        if (stop.isBefore(start))
            throw ApiException.badRequest(
                    "bucket.stop: the bucket stops (" + stop + ") before it starts (" + start + ")");
        JsonNode toggles = required(bucket, "toggles", "bucket.");
        if (!toggles.isObject()) throw wrong("bucket.toggles", "an object of flags by name", toggles);
        List<FlagCount> flags = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = toggles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> toggle = it.next();
            String place = "bucket.toggles[" + quote(toggle.getKey()) + "]";
            if (toggle.getKey().isBlank() || toggle.getKey().length() > LONGEST)
                throw ApiException.badRequest(place + ": a flag's name is 1 to " + LONGEST + " characters");
            JsonNode counts = toggle.getValue();
            if (!counts.isObject()) throw wrong(place, "an object with yes, no and variants", counts);
            Map<String, Long> variants = new LinkedHashMap<>();
            JsonNode given = counts.get("variants");
            if (given != null && !given.isNull()) {
                if (!given.isObject()) throw wrong(place + ".variants", "an object of counts by variant", given);
                for (Iterator<Map.Entry<String, JsonNode>> v = given.fields(); v.hasNext(); ) {
                    Map.Entry<String, JsonNode> variant = v.next();
                    if (variant.getKey().isBlank() || variant.getKey().length() > LONGEST)
                        throw ApiException.badRequest(place + ".variants[" + quote(variant.getKey())
                                + "]: a variant's name is 1 to " + LONGEST + " characters");
                    variants.put(
                            variant.getKey(),
                            whole(variant.getValue(), place + ".variants[" + quote(variant.getKey()) + "]"));
                }
            }
            flags.add(new FlagCount(
                    toggle.getKey(), count(counts, "yes", place + "."), count(counts, "no", place + "."), variants));
        }
        return new MetricsReport(appName, instance, start, stop, flags);
    }

    private static JsonNode object(String body, String shape) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String known = RequestBodies.message(e, shape);
            if (e.getLocation() == null || !known.equals("the request's body is " + shape))
                throw ApiException.badRequest(known);
            throw ApiException.badRequest(
                    "the request's body is not JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "); it is " + shape);
        }
        if (root == null || !root.isObject()) throw ApiException.badRequest("the request's body is " + shape);
        return root;
    }

    private static JsonNode required(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) throw ApiException.badRequest(prefix + field + ": missing");
        return value;
    }

    private static String name(JsonNode node, String field, String prefix) {
        return optionalName(node, field, prefix)
                .orElseThrow(() -> ApiException.badRequest(prefix + field + ": missing"));
    }

    private static Optional<String> optionalName(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return Optional.empty();
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > LONGEST)
            throw wrong(prefix + field, "a text of 1 to " + LONGEST + " characters", value);
        return Optional.of(value.asText());
    }

    /** A date-time as ISO-8601 text with its offset, or milliseconds since 1970 as Unleash also takes. */
    private static Instant time(JsonNode node, String field, String prefix) {
        JsonNode value = required(node, field, prefix);
        if (value.canConvertToExactIntegral() && value.isIntegralNumber()) return Instant.ofEpochMilli(value.asLong());
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeParseException e) {
                // said below
            }
        }
        throw wrong(prefix + field, "a date-time such as 2026-12-07T10:00:00Z", value);
    }

    private static long count(JsonNode node, String field, String prefix) {
        return whole(required(node, field, prefix), prefix + field);
    }

    private static long whole(JsonNode value, String place) {
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) return value.asLong();
        throw wrong(place, "a whole number of 0 or more", value);
    }

    private static ApiException wrong(String place, String expected, JsonNode got) {
        String shown = got.toString();
        if (shown.length() > 60) shown = shown.substring(0, 57) + "...";
        return ApiException.badRequest(place + ": expected " + expected + ", got " + shown);
    }

    private static String quote(String text) {
        return dev.gantry.flags.sdk.json.StateWriter.quote(text);
    }
}
