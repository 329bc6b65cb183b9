package dev.gantry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The release's facts (approvals, ticks, gate results) written to and read from the store's event log. */
public final class ReleaseLog {

    static final String APPROVAL = "approval";
    static final String TICK = "tick";
    static final String GATE = "gate";
    static final String PLANNED = "planned";
    static final String OVERRIDE = "override";
    static final String NOTES = "notes";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    public ReleaseLog(Store store) {
        this.store = store;
    }

    public void approve(Approval approval) throws StoreException {
        ObjectNode payload = JSON.createObjectNode()
                .put("commit", approval.commit())
                .put("role", approval.role())
                .put("comment", approval.comment());
        store.append(
                new NewEvent(approval.at(), approval.version(), "", APPROVAL, approval.person(), payload.toString()));
    }

    public List<Approval> approvals(String version) throws StoreException {
        return store.events(version, APPROVAL).stream()
                .map(e -> {
                    JsonNode p = parse(e);
                    return new Approval(
                            e.release(), text(p, "commit"), text(p, "role"), e.actor(), text(p, "comment"), e.at());
                })
                .toList();
    }

    public void tick(Tick tick) throws StoreException {
        ObjectNode payload = JSON.createObjectNode().put("item", tick.item()).put("note", tick.note());
        store.append(new NewEvent(tick.at(), tick.version(), "", TICK, tick.person(), payload.toString()));
    }

    public List<Tick> ticks(String version) throws StoreException {
        return store.events(version, TICK).stream()
                .map(e -> {
                    JsonNode p = parse(e);
                    return new Tick(e.release(), text(p, "item"), e.actor(), text(p, "note"), e.at());
                })
                .toList();
    }

    /** Records a gate's result, given as the JSON that {@code gantry gate --json} prints. */
    public void notesWritten(NotesWritten notes) throws StoreException {
        ObjectNode payload = JSON.createObjectNode().put("file", notes.file());
        store.append(new NewEvent(notes.at(), notes.version(), "", NOTES, notes.person(), payload.toString()));
    }

    public List<NotesWritten> notesWritten(String version) throws StoreException {
        return store.events(version, NOTES).stream()
                .map(e -> new NotesWritten(e.release(), text(parse(e), "file"), e.actor(), e.at()))
                .toList();
    }

    public void gate(String version, String environment, Instant at, String actor, String resultJson)
            throws StoreException {
        store.append(new NewEvent(at, version, environment, GATE, actor, resultJson));
    }

    /** The JSON of the last gate of the release in the environment. */
    public Optional<Event> lastGate(String version, String environment) throws StoreException {
        List<Event> gates = store.events(version, GATE).stream()
                .filter(e -> e.environment().equals(environment))
                .toList();
        return gates.isEmpty() ? Optional.empty() : Optional.of(gates.get(gates.size() - 1));
    }

    /** Records a person's override of one criterion, bound to the release's commit and the environment. */
    public void override(
            String version,
            String environment,
            String commit,
            String criterion,
            String person,
            String role,
            String reason,
            Instant at)
            throws StoreException {
        ObjectNode payload = JSON.createObjectNode()
                .put("commit", commit)
                .put("criterion", criterion)
                .put("role", role)
                .put("reason", reason);
        store.append(new NewEvent(at, version, environment, OVERRIDE, person, payload.toString()));
    }

    /** An override as recorded: who let which criterion pass, for which commit, and why. */
    public record RecordedOverride(
            String commit, String criterion, String person, String role, String reason, Instant at) {}

    /** The overrides recorded for {@code commit} of the release in the environment, oldest first. */
    public List<RecordedOverride> overrides(String version, String environment, String commit) throws StoreException {
        return store.events(version, OVERRIDE).stream()
                .filter(e -> e.environment().equals(environment))
                .map(e -> {
                    JsonNode p = parse(e);
                    return new RecordedOverride(
                            text(p, "commit"),
                            text(p, "criterion"),
                            e.actor(),
                            text(p, "role"),
                            text(p, "reason"),
                            e.at());
                })
                .filter(o -> commit.equals(o.commit()))
                .toList();
    }

    /** Records who planned the release ({@code gantry plan}): an author, who may not approve it where the plan says so. */
    public void planned(String version, java.time.LocalDate date, Instant at, String actor) throws StoreException {
        String payload = JSON.createObjectNode().put("date", date.toString()).toString();
        store.append(new NewEvent(at, version, "", PLANNED, actor, payload));
    }

    /** The release date the release was last planned for. */
    public Optional<java.time.LocalDate> plannedDate(String version) throws StoreException {
        List<Event> plans = store.events(version, PLANNED);
        if (plans.isEmpty()) return Optional.empty();
        String date = text(parse(plans.get(plans.size() - 1)), "date");
        return Optional.ofNullable(date).map(java.time.LocalDate::parse);
    }

    /** Everyone who planned the release. */
    public List<String> planners(String version) throws StoreException {
        return store.events(version, PLANNED).stream()
                .map(Event::actor)
                .distinct()
                .toList();
    }

    private static JsonNode parse(Event e) {
        try {
            return JSON.readTree(e.payload());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("event " + e.sequence() + " holds invalid JSON", ex);
        }
    }

    private static String text(JsonNode payload, String key) {
        JsonNode value = payload.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
