package dev.gantry.local.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.local.Track;
import dev.gantry.local.metrics.MetricsWindow;
import dev.gantry.local.metrics.VersionWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The admin API's JSON, both ways: the proxy writes it, a controlling process reads it back into the same types. */
public final class AdminJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AdminJson() {}

    public static ObjectNode state(ProxyState state, MetricsWindow interval) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("weight", state.weight());
        if (state.sticky().isPresent()) {
            Stickiness sticky = state.sticky().get();
            json.putObject("sticky").put(sticky.cookie() ? "cookie" : "header", sticky.name());
        } else {
            json.putNull("sticky");
        }
        json.set("stable", pool(state.stable()));
        json.set("canary", pool(state.canary()));
        json.set("interval", window(interval));
        return json;
    }

    public static ObjectNode pool(Pool pool) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("version", pool.version());
        ArrayNode instances = json.putArray("instances");
        pool.instances().forEach(i -> instances.add(i.toString()));
        return json;
    }

    public static ObjectNode window(MetricsWindow window) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("from", window.from().toString());
        json.put("to", window.to().toString());
        ArrayNode versions = json.putArray("versions");
        for (VersionWindow v : window.versions()) {
            ObjectNode entry = versions.addObject();
            entry.put("track", v.track().label());
            entry.put("version", v.version());
            entry.put("requests", v.requests());
            entry.put("errors", v.errors());
            optional(entry, "errorRate", v.errorRate());
            entry.put("rps", v.rps());
            optional(entry, "p50", v.p50());
            optional(entry, "p95", v.p95());
            optional(entry, "p99", v.p99());
            entry.put("totalRequests", v.totalRequests());
            entry.put("totalErrors", v.totalErrors());
        }
        return json;
    }

    private static void optional(ObjectNode json, String name, OptionalDouble value) {
        if (value.isPresent()) json.put(name, value.getAsDouble());
        else json.putNull(name);
    }

    /** Reads a pool as {@link #pool} writes it; {@code where} names it in errors. */
    public static Pool readPool(JsonNode json, String where) {
        if (json == null || !json.isObject()) throw new IllegalArgumentException(where + ": expected an object");
        JsonNode version = json.get("version");
        if (version == null || !version.isTextual()) {
            throw new IllegalArgumentException(where + ".version: expected a string");
        }
        JsonNode instances = json.get("instances");
        if (instances == null || !instances.isArray()) {
            throw new IllegalArgumentException(where + ".instances: expected a list of \"host:port\"");
        }
        List<HostPort> list = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            JsonNode item = instances.get(i);
            if (!item.isTextual()) {
                throw new IllegalArgumentException(where + ".instances[" + i + "]: expected \"host:port\"");
            }
            try {
                list.add(HostPort.parse(item.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".instances[" + i + "]: " + e.getMessage());
            }
        }
        return new Pool(version.asText(), list);
    }

    /** Reads the weight, pools and stickiness of a state as {@link #state} writes it. */
    public static ProxyState readState(JsonNode json) {
        JsonNode weight = json.get("weight");
        if (weight == null || !weight.isIntegralNumber())
            throw new IllegalArgumentException("weight: expected a number");
        JsonNode sticky = json.get("sticky");
        Optional<Stickiness> stickiness = Optional.empty();
        if (sticky != null && sticky.isObject()) {
            stickiness = sticky.has("cookie")
                    ? Optional.of(Stickiness.cookie(sticky.get("cookie").asText()))
                    : Optional.of(Stickiness.header(sticky.path("header").asText()));
        }
        return new ProxyState(
                weight.asInt(),
                readPool(json.get("stable"), "stable"),
                readPool(json.get("canary"), "canary"),
                stickiness);
    }

    /** Reads a window as {@link #window} writes it. */
    public static MetricsWindow readWindow(JsonNode json) {
        List<VersionWindow> versions = new ArrayList<>();
        for (JsonNode v : json.get("versions")) {
            versions.add(new VersionWindow(
                    Track.valueOf(v.get("track").asText().toUpperCase(Locale.ROOT)),
                    v.get("version").asText(),
                    v.get("requests").asLong(),
                    v.get("errors").asLong(),
                    readOptional(v, "errorRate"),
                    v.get("rps").asDouble(),
                    readOptional(v, "p50"),
                    readOptional(v, "p95"),
                    readOptional(v, "p99"),
                    v.get("totalRequests").asLong(),
                    v.get("totalErrors").asLong()));
        }
        return new MetricsWindow(
                Instant.parse(json.get("from").asText()),
                Instant.parse(json.get("to").asText()),
                versions);
    }

    private static OptionalDouble readOptional(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? OptionalDouble.empty() : OptionalDouble.of(value.asDouble());
    }
}
