package dev.gantry.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The release's facts (approvals, ticks, gate results) written to and read from the store's event log. */
public final class ReleaseLog {

    static final String APPROVAL = "approval";
    static final String TICK = "tick";
    static final String GATE = "gate";
    static final String PLANNED = "planned";
    static final String OVERRIDE = "override";
    static final String NOTES = "notes";

    private final Store store;

    public ReleaseLog(Store store) {
        this.store = store;
    }

    public void approve(Approval approval) throws StoreException {
        String payload = new Payload()
                .put("commit", approval.commit())
                .put("role", approval.role())
                .put("comment", approval.comment())
                .put("planHash", approval.planHash())
                .json();
        store.append(new NewEvent(approval.at(), approval.version(), "", APPROVAL, approval.person(), payload));
    }

    public List<Approval> approvals(String version) throws StoreException {
        return store.events(version, APPROVAL).stream()
                .map(e -> {
                    Map<String, String> p = parse(e);
                    return new Approval(
                            e.release(),
                            p.get("commit"),
                            p.get("role"),
                            e.actor(),
                            p.get("comment"),
                            e.at(),
                            p.get("planHash"));
                })
                .toList();
    }

    public void tick(Tick tick) throws StoreException {
        String payload = new Payload()
                .put("item", tick.item())
                .put("note", tick.note())
                .put("commit", tick.commit())
                .json();
        store.append(new NewEvent(tick.at(), tick.version(), "", TICK, tick.person(), payload));
    }

    public List<Tick> ticks(String version) throws StoreException {
        return store.events(version, TICK).stream()
                .map(e -> {
                    Map<String, String> p = parse(e);
                    return new Tick(e.release(), p.get("item"), e.actor(), p.get("note"), e.at(), p.get("commit"));
                })
                .toList();
    }

    /** Records a gate's result, given as the JSON that {@code gantry gate --json} prints. */
    public void notesWritten(NotesWritten notes) throws StoreException {
        String payload = new Payload().put("file", notes.file()).json();
        store.append(new NewEvent(notes.at(), notes.version(), "", NOTES, notes.person(), payload));
    }

    public List<NotesWritten> notesWritten(String version) throws StoreException {
        return store.events(version, NOTES).stream()
                .map(e -> new NotesWritten(e.release(), parse(e).get("file"), e.actor(), e.at()))
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
        String payload = new Payload()
                .put("commit", commit)
                .put("criterion", criterion)
                .put("role", role)
                .put("reason", reason)
                .json();
        store.append(new NewEvent(at, version, environment, OVERRIDE, person, payload));
    }

    /** An override as recorded: who let which criterion pass, for which commit, and why. */
    public record RecordedOverride(
            String commit, String criterion, String person, String role, String reason, Instant at) {}

    /** The overrides recorded for {@code commit} of the release in the environment, oldest first. */
    public List<RecordedOverride> overrides(String version, String environment, String commit) throws StoreException {
        return store.events(version, OVERRIDE).stream()
                .filter(e -> e.environment().equals(environment))
                .map(e -> {
                    Map<String, String> p = parse(e);
                    return new RecordedOverride(
                            p.get("commit"), p.get("criterion"), e.actor(), p.get("role"), p.get("reason"), e.at());
                })
                .filter(o -> commit.equals(o.commit()))
                .toList();
    }

    /** Records who planned the release ({@code gantry plan}): an author, who may not approve it where the plan says so. */
    public void planned(String version, java.time.LocalDate date, Instant at, String actor) throws StoreException {
        String payload = new Payload().put("date", date.toString()).json();
        store.append(new NewEvent(at, version, "", PLANNED, actor, payload));
    }

    /** The release date the release was last planned for. */
    public Optional<java.time.LocalDate> plannedDate(String version) throws StoreException {
        List<Event> plans = store.events(version, PLANNED);
        if (plans.isEmpty()) return Optional.empty();
        String date = parse(plans.get(plans.size() - 1)).get("date");
        return Optional.ofNullable(date).map(java.time.LocalDate::parse);
    }

    /** Everyone who planned the release. */
    public List<String> planners(String version) throws StoreException {
        return store.events(version, PLANNED).stream()
                .map(Event::actor)
                .distinct()
                .toList();
    }

    private static Map<String, String> parse(Event e) {
        try {
            return Payload.read(e.payload());
        } catch (IOException ex) {
            throw new IllegalStateException("event " + e.sequence() + " holds invalid JSON", ex);
        }
    }
}
