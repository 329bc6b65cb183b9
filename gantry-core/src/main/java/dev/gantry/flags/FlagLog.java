package dev.gantry.flags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.store.Event;
import dev.gantry.store.NewEvent;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The changes of flags, written to and read from the store's append-only log. They belong to no release (their
 * release is empty): a flag's state outlives the release that introduced it.
 */
final class FlagLog {

    static final String SWITCHED = "flag.switched";
    static final String CONFIGURED = "flag.configured";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    FlagLog(Store store) {
        this.store = store;
    }

    FlagEvent append(
            Instant at, String environment, String flag, String actor, String reason, FlagChange change, String run)
            throws StoreException {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("flag", flag);
        payload.put("reason", reason);
        if (run != null) payload.put("run", run);
        String kind;
        if (change instanceof FlagChange.Switched s) {
            kind = SWITCHED;
            payload.put("on", s.on());
        } else {
            FlagChange.Configured c = (FlagChange.Configured) change;
            kind = CONFIGURED;
            // Kept as the document Unleash's clients read, so that what is stored is what is served.
            payload.put(
                    "document",
                    StateWriter.write(new FlagState(2, List.of(c.settings()), c.segments(), Optional.empty())));
        }
        Event stored = store.append(new NewEvent(at, "", environment, kind, actor, payload.toString()));
        return read(stored);
    }

    /** Every change of every flag, oldest first. */
    List<FlagEvent> all() throws StoreException {
        List<Event> events = new ArrayList<>(store.events(null, SWITCHED));
        events.addAll(store.events(null, CONFIGURED));
        events.sort(Comparator.comparingLong(Event::sequence));
        List<FlagEvent> out = new ArrayList<>();
        for (Event event : events) out.add(read(event));
        return out;
    }

    private static FlagEvent read(Event stored) throws StoreException {
        try {
            JsonNode payload = JSON.readTree(stored.payload());
            FlagChange change;
            if (stored.kind().equals(SWITCHED)) {
                change = new FlagChange.Switched(payload.required("on").asBoolean());
            } else {
                FlagState document =
                        StateReader.readFeature(payload.required("document").asText());
                change = new FlagChange.Configured(document.features().get(0), document.segments());
            }
            return new FlagEvent(
                    stored.sequence(),
                    stored.at(),
                    stored.environment(),
                    payload.required("flag").asText(),
                    stored.actor(),
                    payload.path("reason").asText(""),
                    change,
                    Optional.ofNullable(payload.get("run")).map(JsonNode::asText));
        } catch (JsonProcessingException | IllegalArgumentException | InvalidJson e) {
            throw new StoreException("event " + stored.sequence() + " (" + stored.kind()
                    + ") of the state database cannot be read: " + e.getMessage());
        }
    }
}
