package dev.gantry.rollout;

import dev.gantry.plan.Strategy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened in a run, as it is appended to the store. A run's state is derived from its events alone
 * ({@link RunState#of}), so a coordinator that dies can be started again and continue from them. The time of
 * each event is the store event's own time.
 */
public sealed interface RunEvent {

    /** The run began: who started it, for which release, replacing which version. */
    record Started(
            String runId, String environment, String version, String previousVersion, String commit, String actor)
            implements RunEvent {}

    record PhaseEntered(Phase phase) implements RunEvent {}

    /** Phase 1's result: GO, GO-with-override or NO-GO, with the gate's summary. */
    record GateDecided(String decision, String summary) implements RunEvent {}

    /** Phase 2: the strategy the release type recommends and the one chosen, with the reason when they differ. */
    record StrategyChosen(Strategy recommended, Strategy chosen, String reason) implements RunEvent {}

    /**
     * A target action began. Its {@code stepId} is the idempotency key: an action started and never finished is
     * repeated with the same key after a crash.
     */
    record ActionStarted(String stepId, String action, int weight, int step) implements RunEvent {}

    /**
     * A target action ended.
     *
     * @param output what the action printed (bounded, each line marked stdout or stderr), kept for the run log
     * @param facts the action's numbers and names: command, exit code, bytes printed, duration
     */
    record ActionFinished(String stepId, boolean ok, String message, List<String> output, Map<String, Object> facts)
            implements RunEvent {

        public ActionFinished {
            output = output == null ? List.of() : List.copyOf(output);
            facts = facts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(facts));
        }

        public ActionFinished(String stepId, boolean ok, String message) {
            this(stepId, ok, message, List.of(), Map.of());
        }
    }

    /** A smoke test (phase 4) or the post-rollback smoke test. */
    record ValidationRan(String id, String title, boolean passed, long millis, String notes) implements RunEvent {}

    /**
     * One trigger's reading at a sample of the watch window.
     *
     * @param value the reading in base units, or null when there was none
     * @param problem why there was no value
     * @param state the trigger's evaluation: OK, BREACHING, FIRED, NO_DATA, NO_DATA_FIRED
     * @param baseline the stable version's value at the same time, when the trigger's query names {version} (a
     *     relative trigger's baseline); null otherwise
     */
    record Sampled(int step, String trigger, String metric, Double value, String problem, String state, Double baseline)
            implements RunEvent {}

    record Breached(String trigger, String severity, String reason) implements RunEvent {}

    /** A trigger's baseline, read before the deploy; null when the source gave none. */
    record BaselineMeasured(String trigger, Double value, String problem) implements RunEvent {}

    /** A one-line lesson a person wrote down for the retrospective, after or during the run. */
    record LessonNoted(String lesson, String person) implements RunEvent {}

    /** Something the run did that is not a target action: flags turned off, people notified. */
    record Noted(String what) implements RunEvent {}

    /**
     * The run waits for a person: a soft breach, a smoke test whose escalation is pause, or a manual canary step.
     *
     * @param manual a pause the plan asked for ({@code pauseAt}): going on from it is no override
     */
    record Paused(String reason, boolean manual) implements RunEvent {}

    /** A person's decision on a paused run: continue (an override) or roll back. */
    record Decided(boolean proceed, String person, String reason) implements RunEvent {}

    /**
     * The run ended.
     *
     * @param liveChanged whether anything users could see was changed (and, for Rolled-Back, undone)
     */
    record Ended(Verdict verdict, String reason, boolean liveChanged) implements RunEvent {}

    /** Each event's kind in the store, by its record: "run.started", "run.action-finished", ... */
    static Map<String, Class<? extends RunEvent>> kinds() {
        Map<String, Class<? extends RunEvent>> kinds = new LinkedHashMap<>();
        for (Class<?> type : RunEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends RunEvent> event = (Class<? extends RunEvent>) type;
            kinds.put(kindOf(event), event);
        }
        return kinds;
    }

    static String kindOf(Class<? extends RunEvent> type) {
        return "run."
                + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
