package dev.gantry.rollout;

import dev.gantry.analysis.Evaluation;
import dev.gantry.gate.Decision;
import dev.gantry.plan.Severity;
import dev.gantry.plan.Strategy;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What happened in a run, as it is appended to the store. A run's state is derived from its events alone
 * ({@link RunState#of}), so a coordinator that dies can be started again and continue from them. The time of
 * each event is the store event's own time.
 */
public sealed interface RunEvent {

    /**
     * The run began: who started it, for which release, replacing which version. The commit is the run's for
     * good: a resumed run deploys, gates and tags it, whatever HEAD is by then.
     *
     * @param previousCommit the commit of the version it replaces; null when unknown
     * @param rollback for a person's rollback of a released version, why: such a run only ever goes back, to
     *     {@code previousVersion}; null for a release
     */
    record Started(
            String runId,
            String environment,
            String version,
            String previousVersion,
            String commit,
            String actor,
            String tag,
            String previousCommit,
            String rollback)
            implements RunEvent {

        public Started(
                String runId, String environment, String version, String previousVersion, String commit, String actor) {
            this(runId, environment, version, previousVersion, commit, actor, null, null, null);
        }
    }

    record PhaseEntered(Phase phase) implements RunEvent {}

    /** Phase 1's result: GO, GO-with-override or NO-GO, with the gate's summary. */
    record GateDecided(Decision decision, String summary) implements RunEvent {}

    /** Phase 2: the strategy the release type recommends and the one chosen, with the reason when they differ. */
    record StrategyChosen(Strategy recommended, Strategy chosen, String reason) implements RunEvent {}

    /**
     * A target action began. Its {@code stepId} is the idempotency key: an action started and never finished is
     * repeated with the same key after a crash.
     */
    record ActionStarted(String stepId, Action action, int weight, int step) implements RunEvent {}

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
     * @param state the trigger's evaluation
     * @param baseline the stable version's value at the same time, when the trigger's query names {version} (a
     *     relative trigger's baseline); null otherwise
     */
    record Sampled(
            int step,
            String trigger,
            String metric,
            Double value,
            String problem,
            Evaluation.State state,
            Double baseline)
            implements RunEvent {}

    record Breached(String trigger, Severity severity, String reason) implements RunEvent {}

    /**
     * A stretch of a watch window nobody watched: the coordinator was down. It does not count toward the watch,
     * and sampling starts again at the time the run was taken up, not where it left off.
     */
    record WatchGap(int step, Instant from, Instant to) implements RunEvent {}

    /** A trigger's baseline, read before the deploy; null when the source gave none. */
    record BaselineMeasured(String trigger, Double value, String problem) implements RunEvent {}

    /** A one-line lesson a person wrote down for the retrospective, after or during the run. */
    record LessonNoted(String lesson, String person) implements RunEvent {}

    /** Something the run did that is not a target action, such as a tag made. */
    record Noted(String what) implements RunEvent {}

    /**
     * The release tag the run made was pushed to the repository it was cloned from, after the run ended.
     *
     * @param remote where to, as a person may read it: no credentials
     */
    record TagPushed(String tag, String commit, String remote) implements RunEvent {
        /** The push as the report and the status say it. */
        public String sentence() {
            return "pushed tag " + tag + " to " + remote;
        }
    }

    /**
     * Pushing the release tag the run made failed: the release stands, the tag is only in the clone that made it
     * until a later push gets it through.
     *
     * @param remote where to, as a person may read it: no credentials
     * @param reason what git said, without credentials
     * @param settled true when trying again cannot help (the origin holds the tag on another commit): no later
     *     start or release pushes it, a person settles it
     */
    record TagPushFailed(String tag, String commit, String remote, String reason, boolean settled) implements RunEvent {

        /** A failure the server tries again, as recorded before failures could be settled. */
        public TagPushFailed(String tag, String commit, String remote, String reason) {
            this(tag, commit, remote, reason, false);
        }

        /** The failure as the report and the status say it: the tag is not at the origin. */
        public String sentence() {
            return "could not push tag " + tag + " to " + remote + ": " + reason
                    + (settled
                            ? "; not tried again: a person must move or delete one of the two tags"
                            : "; the tag is only in the server's clone, which tries again at its next start and"
                                    + " after its next release");
        }
    }

    /**
     * A flag the plan ties to the release turned off in the run's environment by its rollback, before traffic moved
     * back: the release process's instant mitigation, first of its steps. Written after the flag's change is stored, never before.
     *
     * @param offAt when the flag's state changed to off
     * @param change the store sequence of that change of the flag
     */
    record FlagTurnedOff(String flag, Instant offAt, long change) implements RunEvent {}

    /**
     * The run waits for a person: a soft breach, a smoke test whose escalation is pause, or a manual canary step.
     *
     * @param manual a pause the plan asked for ({@code pauseAt}): going on from it is no override
     * @param step the canary step or rolling batch whose traffic stays while the run waits, watched meanwhile; 0
     *     when it waits before any traffic
     */
    record Paused(String reason, boolean manual, int step) implements RunEvent {

        public Paused(String reason, boolean manual) {
            this(reason, manual, 0);
        }
    }

    /**
     * A person's decision on a paused run, as the coordinator took it: continue (an override) or roll back.
     *
     * @param answers the store sequence of the {@link Requested} it answers; 0 when given directly
     */
    record Decided(boolean proceed, String person, String reason, long answers) implements RunEvent {

        public Decided(boolean proceed, String person, String reason) {
            this(proceed, person, reason, 0);
        }
    }

    /**
     * A person asks something of the run, from any terminal or the server, while another process may be running it.
     * It is not part of the coordinator's hash chain: the coordinator answers it with a chained event ({@link
     * Decided}, {@link RollbackDecided} or {@link RequestRefused}) that names its sequence.
     */
    record Requested(Ask ask, String person, String reason) implements RunEvent {

        /** What is asked. */
        public enum Ask {
            /** Let a paused run go on. */
            CONTINUE,
            /** Roll a paused run back. */
            ROLL_BACK,
            /** Stop the run now: it rolls back whatever it changed. */
            ABORT
        }
    }

    /** A request the coordinator could not carry out, such as continuing a run that no longer waits. */
    record RequestRefused(long answers, String reason) implements RunEvent {}

    /**
     * The run will roll back, and why. Written before the first rollback action: a run resumed after a crash that
     * finds it only carries the rollback on, never the release forward.
     *
     * @param person who decided, for a person's rollback or abort; null for Gantry's own
     * @param answers the store sequence of the {@link Requested} it answers; 0 otherwise
     */
    record RollbackDecided(RollbackCause cause, String reason, String person, long answers) implements RunEvent {}

    /**
     * A notification of the run's outcome, tried once per channel.
     *
     * @param status the HTTP status of the answer; 0 when there was none
     */
    record Notified(String channel, boolean delivered, int status, String detail) implements RunEvent {}

    /** The coordinator left a run that waits for a person ({@code --detach}): nobody watches its metrics now. */
    record Detached(String reason) implements RunEvent {}

    /**
     * Another coordinator took the run up from its events: the one before stopped (killed, or its lease ran out)
     * before the run ended.
     *
     * @param coordinator the coordinator that goes on with the run
     * @param previous the coordinator that held it before
     */
    record TakenUp(String coordinator, String previous) implements RunEvent {}

    /**
     * The run ended.
     *
     * @param liveChanged whether anything users could see was changed (and, for Rolled-Back, undone)
     */
    record Ended(Verdict verdict, String reason, boolean liveChanged) implements RunEvent {}

    /**
     * Each event's kind in the store. Written out, never derived from a class name: renaming a record must not
     * make the runs already stored unreadable.
     */
    static Map<String, Class<? extends RunEvent>> kinds() {
        Map<String, Class<? extends RunEvent>> kinds = new LinkedHashMap<>();
        kinds.put("run.started", Started.class);
        kinds.put("run.phase-entered", PhaseEntered.class);
        kinds.put("run.gate-decided", GateDecided.class);
        kinds.put("run.strategy-chosen", StrategyChosen.class);
        kinds.put("run.action-started", ActionStarted.class);
        kinds.put("run.action-finished", ActionFinished.class);
        kinds.put("run.validation-ran", ValidationRan.class);
        kinds.put("run.sampled", Sampled.class);
        kinds.put("run.breached", Breached.class);
        kinds.put("run.watch-gap", WatchGap.class);
        kinds.put("run.baseline-measured", BaselineMeasured.class);
        kinds.put("run.lesson-noted", LessonNoted.class);
        kinds.put("run.noted", Noted.class);
        kinds.put("run.flag-turned-off", FlagTurnedOff.class);
        kinds.put("run.paused", Paused.class);
        kinds.put("run.decided", Decided.class);
        kinds.put("run.requested", Requested.class);
        kinds.put("run.request-refused", RequestRefused.class);
        kinds.put("run.rollback-decided", RollbackDecided.class);
        kinds.put("run.notified", Notified.class);
        kinds.put("run.detached", Detached.class);
        kinds.put("run.taken-up", TakenUp.class);
        kinds.put("run.tag-pushed", TagPushed.class);
        kinds.put("run.tag-push-failed", TagPushFailed.class);
        kinds.put("run.ended", Ended.class);
        return Collections.unmodifiableMap(kinds);
    }

    /** The record of the stored kind {@code kind}; empty for a kind no event has. */
    static Optional<Class<? extends RunEvent>> typeOf(String kind) {
        return Optional.ofNullable(Kinds.BY_KIND.get(kind));
    }

    /** The stored kind of an event of {@code type}. */
    static String kindOf(Class<? extends RunEvent> type) {
        return Kinds.BY_TYPE.get(type);
    }

    /**
     * Whether the event is the coordinator's, in its hash chain; a person's request or lesson, and a push of the
     * run's tag after it ended, are appended by any process at any time and stand outside it.
     */
    static boolean chained(RunEvent event) {
        return !(event instanceof Requested
                || event instanceof LessonNoted
                || event instanceof TagPushed
                || event instanceof TagPushFailed);
    }

    /** The kinds by record, built once. */
    final class Kinds {
        static final Map<String, Class<? extends RunEvent>> BY_KIND = kinds();
        static final Map<Class<? extends RunEvent>, String> BY_TYPE = new java.util.HashMap<>();

        static {
            BY_KIND.forEach((kind, type) -> BY_TYPE.put(type, kind));
        }

        private Kinds() {}
    }
}
