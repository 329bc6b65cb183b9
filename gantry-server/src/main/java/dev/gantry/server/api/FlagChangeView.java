package dev.gantry.server.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.flags.FlagChange;
import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.FlagState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One change of a flag in an environment, as the store keeps it: when, by whom, why and what.
 *
 * @param sequence its place in the project's records
 * @param actor who made it; empty for Gantry's own (a rollback of {@code run})
 * @param run the run whose rollback turned the flag off, when one did
 * @param on for a switch, the state the flag was turned to
 * @param settings for a configuration, the flag's new strategies, variants and dependencies as a client features
 *     document of Unleash holding that one feature and the segments its strategies name
 */
public record FlagChangeView(
        long sequence,
        Instant at,
        String environment,
        String flag,
        String actor,
        String reason,
        Optional<String> run,
        Kind change,
        Optional<Boolean> on,
        Optional<JsonNode> settings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What kind of change it was. */
    public enum Kind {
        @JsonProperty("switched")
        SWITCHED,
        @JsonProperty("configured")
        CONFIGURED
    }

    public static FlagChangeView of(FlagEvent event) {
        FlagChange change = event.change();
        if (change instanceof FlagChange.Switched s) {
            return new FlagChangeView(
                    event.sequence(),
                    event.at(),
                    event.environment(),
                    event.flag(),
                    event.actor(),
                    event.reason(),
                    event.run(),
                    Kind.SWITCHED,
                    Optional.of(s.on()),
                    Optional.empty());
        }
        FlagChange.Configured c = (FlagChange.Configured) change;
        return new FlagChangeView(
                event.sequence(),
                event.at(),
                event.environment(),
                event.flag(),
                event.actor(),
                event.reason(),
                event.run(),
                Kind.CONFIGURED,
                Optional.empty(),
                Optional.of(settings(c)));
    }

    /**
     * The configuration in Unleash's shape, without {@code enabled}: a configuration sets strategies, variants and
     * dependencies, and whether the flag is on is a switch of its own, which a snapshot saying false would misstate.
     */
    private static JsonNode settings(FlagChange.Configured c) {
        JsonNode document =
                tree(StateWriter.write(new FlagState(2, List.of(c.settings()), c.segments(), Optional.empty())));
        for (JsonNode feature : document.path("features")) {
            if (feature instanceof com.fasterxml.jackson.databind.node.ObjectNode object) object.remove("enabled");
        }
        return document;
    }

    /** The change as the core's record, read back from its view. */
    @JsonIgnore
    public FlagChange typed() {
        if (change == Kind.SWITCHED) {
            return new FlagChange.Switched(
                    on.orElseThrow(() -> new IllegalArgumentException("change " + sequence + ": a switch without on")));
        }
        JsonNode document = settings.orElseThrow(
                () -> new IllegalArgumentException("change " + sequence + ": a configuration without settings"));
        // Read back as the features document it was written from, whose feature says on or off.
        JsonNode written = document.deepCopy();
        for (JsonNode feature : written.path("features")) {
            if (feature instanceof com.fasterxml.jackson.databind.node.ObjectNode object && !object.has("enabled"))
                object.put("enabled", false);
        }
        try {
            FlagState state = StateReader.readFeature(written.toString());
            return new FlagChange.Configured(state.features().get(0), state.segments());
        } catch (InvalidJson e) {
            throw new IllegalArgumentException("change " + sequence + ": settings: " + e.getMessage(), e);
        }
    }

    /** The JSON text as a tree; it is always JSON, written by {@link StateWriter}. */
    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the state writer always writes JSON", e);
        }
    }
}
