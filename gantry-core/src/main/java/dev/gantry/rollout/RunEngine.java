package dev.gantry.rollout;

import dev.gantry.analysis.Baseline;
import dev.gantry.analysis.Evaluation;
import dev.gantry.analysis.MetricContext;
import dev.gantry.analysis.MetricSource;
import dev.gantry.analysis.Reading;
import dev.gantry.analysis.TriggerWatch;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Decision;
import dev.gantry.gate.Gate;
import dev.gantry.gate.GateDocument;
import dev.gantry.gate.GateResult;
import dev.gantry.plan.Escalation;
import dev.gantry.plan.Plan;
import dev.gantry.plan.ReleaseDefaults;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Severity;
import dev.gantry.plan.Strategy;
import dev.gantry.plan.Threshold;
import dev.gantry.plan.Validation;
import dev.gantry.rollout.RunEvent.ActionFinished;
import dev.gantry.rollout.RunEvent.ActionStarted;
import dev.gantry.rollout.RunEvent.BaselineMeasured;
import dev.gantry.rollout.RunEvent.Breached;
import dev.gantry.rollout.RunEvent.Ended;
import dev.gantry.rollout.RunEvent.GateDecided;
import dev.gantry.rollout.RunEvent.Noted;
import dev.gantry.rollout.RunEvent.Paused;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.Sampled;
import dev.gantry.rollout.RunEvent.Started;
import dev.gantry.rollout.RunEvent.StrategyChosen;
import dev.gantry.rollout.RunEvent.ValidationRan;
import dev.gantry.store.StoreException;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Drives one run through the six phases: gate, strategy select, execute, smoke test, watch window, commit or
 * rollback. Every step is an event in the store before and after it happens, so a run started again with the same
 * id continues: an action recorded as finished is not repeated, one started and not finished is repeated with the
 * same idempotency key, and a watch window goes on from its stored samples.
 */
public final class RunEngine {

    /**
     * What to run.
     *
     * @param strategy the strategy asked for; the release type's recommendation when null
     * @param checks the context gate criteria and validations are evaluated in
     */
    public record Request(
            String runId,
            String environment,
            Version version,
            Optional<Version> previousVersion,
            String commit,
            ReleaseType type,
            String actor,
            Strategy strategy,
            Plan plan,
            Target target,
            Optional<MetricSource> metrics,
            CheckContext checks,
            Observer observer) {}

    /**
     * Told of every event the run appends: before it, so whoever holds the environment for the run (a lease in
     * the store) keeps holding it, where throwing stops the run to be continued by whoever holds it next; and
     * after it, so a terminal or a CI log shows the run as it goes.
     */
    public interface Observer {
        Observer NONE = new Observer() {};

        default void beforeEach() throws StoreException {}

        default void afterEach(RunLog.Logged event) {}
    }

    /** How the run left off: ended, or waiting for a person. */
    private enum Outcome {
        CONTINUE,
        ROLL_BACK,
        WAIT
    }

    private final RunLog log;
    private final Time time;

    public RunEngine(RunLog log, Time time) {
        this.log = log;
        this.time = time;
    }

    /** Runs, or continues, the run; returns its state when it ended or waits for a person. */
    public RunState run(Request request) throws StoreException, InterruptedException {
        return new Attempt(request).go();
    }

    /**
     * Records a person's decision on a run that waits for one, then carries the run on: continue lets the breach
     * or the failed smoke test pass (the verdict becomes Released-with-override), roll back ends the run.
     *
     * @throws IllegalArgumentException when the run does not wait for a decision
     */
    public RunState decide(Request request, boolean proceed, String person, String reason)
            throws StoreException, InterruptedException {
        List<RunLog.Logged> events =
                log.runs(request.version().toString(), request.environment()).getOrDefault(request.runId(), List.of());
        if (events.isEmpty() || RunState.of(RunLog.events(events)).waiting().isEmpty()) {
            throw new IllegalArgumentException("run " + request.runId() + " is not waiting for a decision");
        }
        RunEvent.Decided decided = new RunEvent.Decided(proceed, person, reason);
        Instant at = time.now();
        request.observer().beforeEach();
        log.append(request.runId(), request.version().toString(), request.environment(), person, at, decided);
        request.observer().afterEach(new RunLog.Logged(at, decided));
        return run(request);
    }

    /** One pass over a run: what its stored events say was done is not done again. */
    private final class Attempt {

        private final Request request;
        private final List<RunLog.Logged> events = new ArrayList<>();
        private final Map<String, TriggerWatch> watches = new LinkedHashMap<>();
        private final Map<String, OptionalDouble> baselines = new LinkedHashMap<>();
        private final Map<String, Evaluation> replayed = new LinkedHashMap<>();
        private String rollbackReason = "";

        Attempt(Request request) throws StoreException {
            this.request = request;
            events.addAll(log.runs(request.version().toString(), request.environment())
                    .getOrDefault(request.runId(), List.of()));
            for (RollbackTrigger trigger : triggers()) watches.put(trigger.id(), TriggerWatch.of(trigger));
        }

        RunState go() throws StoreException, InterruptedException {
            if (events.isEmpty()) {
                append(new Started(
                        request.runId(),
                        request.environment(),
                        request.version().toString(),
                        request.previousVersion().map(Version::toString).orElse(null),
                        request.commit(),
                        request.actor()));
            }
            RunState state = state();
            if (state.finished() || state.waiting().isPresent()) return state;
            replayWatches();

            Optional<GateDecided> gate = find(GateDecided.class);
            if (gate.isEmpty()) {
                append(new PhaseEntered(Phase.GATE));
                GateResult result = new Gate().evaluate(request.checks(), List.of());
                // The whole result, criterion by criterion, for the report; the run keeps the decision.
                if (request.checks().log() != null) {
                    request.checks()
                            .log()
                            .gate(
                                    request.version().toString(),
                                    request.environment(),
                                    result.at(),
                                    request.actor(),
                                    GateDocument.json(result));
                }
                gate = Optional.of(new GateDecided(result.decision().label(), summary(result)));
                append(gate.get());
            }
            if (gate.get().decision().equals(Decision.NO_GO.label())) {
                return end(Verdict.ABORTED, "the gate said NO-GO: " + gate.get().summary());
            }

            Strategy strategy = strategy();
            List<Move> moves = Moves.of(strategy, request.plan().rollout(), ReleaseDefaults.of(request.type()));
            measureBaselines();
            for (Move move : moves) {
                Optional<RunEvent.Decided> decided = rollbackDecision();
                if (decided.isPresent()) {
                    rollbackReason = "rolled back by " + decided.get().person() + ": "
                            + decided.get().reason();
                    return rollBack(strategy);
                }
                Outcome outcome = perform(move);
                if (outcome == Outcome.WAIT) return state();
                if (outcome == Outcome.ROLL_BACK) return rollBack(strategy);
            }
            append(new PhaseEntered(Phase.FINISH));
            tagIfAsked();
            boolean overridden =
                    gate.get().decision().equals(Decision.GO_WITH_OVERRIDE.label()) || overriddenByPerson();
            return end(
                    overridden ? Verdict.RELEASED_WITH_OVERRIDE : Verdict.RELEASED,
                    overridden
                            ? "every step watched; a person let the release pass an unmet criterion or a breach"
                            : "every step watched without a breach");
        }

        private Strategy strategy() throws StoreException {
            Optional<StrategyChosen> chosen = find(StrategyChosen.class);
            if (chosen.isPresent()) return chosen.get().chosen();
            Strategy recommended = ReleaseDefaults.of(request.type()).strategy();
            Strategy wanted = request.strategy() != null
                    ? request.strategy()
                    : request.plan().rollout().strategy() != null
                            ? request.plan().rollout().strategy()
                            : recommended;
            String reason = wanted == recommended
                    ? ""
                    : request.strategy() != null ? "asked for with --strategy" : "the plan's rollout.strategy";
            append(new PhaseEntered(Phase.STRATEGY));
            append(new StrategyChosen(recommended, wanted, reason));
            return wanted;
        }

        private Outcome perform(Move move) throws StoreException, InterruptedException {
            String stepId = move.stepId(request.runId());
            if (!state().doneActions().contains(stepId)) {
                if (state().phase() != Phase.EXECUTE) append(new PhaseEntered(Phase.EXECUTE));
                TargetResult result = act(move.action(), stepId, move.weight(), move.colour(), move.step());
                if (!result.ok()) {
                    rollbackReason = move.action() + " failed: " + result.message();
                    return Outcome.ROLL_BACK;
                }
            }
            if (move.smoke() && find(ValidationRan.class).isEmpty()) {
                Outcome smoke = smokeTest("");
                if (smoke != Outcome.CONTINUE) return smoke;
            }
            if (!move.watch().isZero()) {
                Outcome watched = watch(move);
                if (watched != Outcome.CONTINUE) return watched;
            }
            if (move.pause()) return pauseAfter(move);
            return Outcome.CONTINUE;
        }

        /** Released in an environment of {@code rollout.tagIn}: the release commit gets the version's tag. */
        private void tagIfAsked() throws StoreException {
            if (!request.plan().rollout().tagIn().contains(request.environment())) return;
            CheckContext checks = request.checks();
            try {
                checks.git()
                        .tag(
                                checks.tag(),
                                checks.commit(),
                                "Release " + request.version() + ", released in " + request.environment() + " by "
                                        + request.actor());
                append(new Noted("tagged " + checks.commit().substring(0, 7) + " as " + checks.tag()));
            } catch (RuntimeException e) {
                // The release is live and stays so; the missing tag is said, not hidden.
                append(new Noted("could not tag the release commit as " + checks.tag() + ": " + e.getMessage()));
            }
        }

        /** A canary step the plan wants a person to look at: the run waits once, until someone decides. */
        private Outcome pauseAfter(Move move) throws StoreException {
            String reason = "manual pause after the " + move.weight() + "% step, as rollout.canary.pauseAt asks";
            boolean paused = events.stream()
                    .anyMatch(e -> e.event() instanceof Paused p
                            && p.manual()
                            && p.reason().equals(reason));
            if (paused) return Outcome.CONTINUE;
            append(new Paused(reason, true));
            return Outcome.WAIT;
        }

        /** A person chose to roll the run back while it waited. */
        private Optional<RunEvent.Decided> rollbackDecision() {
            return events.stream()
                    .map(RunLog.Logged::event)
                    .filter(e -> e instanceof RunEvent.Decided d && !d.proceed())
                    .map(RunEvent.Decided.class::cast)
                    .findFirst();
        }

        /** A person let the run go on past a breach or a failed smoke test (not past a pause the plan asked for). */
        private boolean overriddenByPerson() {
            Paused last = null;
            for (RunLog.Logged logged : events) {
                if (logged.event() instanceof Paused p) last = p;
                if (logged.event() instanceof RunEvent.Decided d && d.proceed() && last != null && !last.manual()) {
                    return true;
                }
            }
            return false;
        }

        private TargetResult act(String action, String stepId, int weight, String colour, int step)
                throws StoreException {
            TargetCall call = new TargetCall(
                    stepId,
                    request.checks().root(),
                    request.environment(),
                    request.version(),
                    request.previousVersion(),
                    weight,
                    colour,
                    step,
                    request.checks().variables());
            Optional<ActionFinished> done = events.stream()
                    .map(RunLog.Logged::event)
                    .filter(e -> e instanceof ActionFinished f && f.stepId().equals(stepId) && f.ok())
                    .map(ActionFinished.class::cast)
                    .findFirst();
            if (done.isPresent()) return TargetResult.done(done.get().message());
            append(new ActionStarted(stepId, action, weight, step));
            TargetResult result =
                    switch (action) {
                        case "deploy" -> request.target().deploy(call);
                        case "set-weight" -> request.target().setWeight(call);
                        case "promote" -> request.target().promote(call);
                        case "rollback" -> request.target().rollback(call);
                        default -> request.target().status(call);
                    };
            append(new ActionFinished(stepId, result.ok(), result.message(), result.output(), result.facts()));
            return result;
        }

        /** The plan's validations for the environment; {@code suffix} tells the post-rollback ones apart. */
        private Outcome smokeTest(String suffix) throws StoreException {
            append(new PhaseEntered(Phase.SMOKE_TEST));
            Outcome outcome = Outcome.CONTINUE;
            for (Validation v : request.plan().validation()) {
                if (!v.environments().isEmpty() && !v.environments().contains(request.environment())) continue;
                if (v.check() == null) {
                    append(new Noted("validation " + v.id() + " (" + v.title() + ") is manual: "
                            + (v.owner() == null ? "its owner" : v.owner()) + " verifies it"));
                    continue;
                }
                Instant before = time.now();
                CheckResult result = v.check().evaluate(request.checks());
                boolean passed = result.status() == CheckResult.Status.MET;
                long millis = Duration.between(before, time.now()).toMillis();
                append(new ValidationRan(v.id() + suffix, v.title(), passed, millis, result.evidence()));
                if (passed || !suffix.isEmpty()) continue;
                if (v.escalation() == Escalation.ROLLBACK) {
                    rollbackReason = "smoke test " + v.id() + " failed: " + result.evidence();
                    return Outcome.ROLL_BACK;
                }
                if (v.escalation() == Escalation.PAUSE && outcome == Outcome.CONTINUE) {
                    append(new Paused("smoke test " + v.id() + " failed: " + result.evidence(), false));
                    outcome = Outcome.WAIT;
                }
            }
            return outcome;
        }

        private Outcome watch(Move move) throws StoreException, InterruptedException {
            Duration cadence = request.plan().rollout().canary().cadence();
            List<Instant> taken = events.stream()
                    .filter(e -> e.event() instanceof Sampled s && s.step() == move.step())
                    .map(RunLog.Logged::at)
                    .distinct()
                    .toList();
            Optional<Outcome> decided = decidedBefore(move);
            if (decided.isPresent()) return decided.get();
            if (taken.isEmpty()) append(new PhaseEntered(Phase.WATCH));
            Instant start = taken.isEmpty() ? time.now() : taken.get(0).minus(cadence);
            Instant end = start.plus(move.watch());
            Instant next = taken.isEmpty()
                    ? start.plus(cadence)
                    : taken.get(taken.size() - 1).plus(cadence);
            if (triggers().isEmpty()) {
                append(new Noted("no rollback trigger watches " + request.environment() + "; waited "
                        + move.watch().toMinutes() + "m"));
                time.waitUntil(end);
                return Outcome.CONTINUE;
            }
            for (; !next.isAfter(end); next = next.plus(cadence)) {
                time.waitUntil(next);
                for (RollbackTrigger trigger : triggers()) {
                    Reading reading = read(trigger, next);
                    // A query naming {version} reads the stable version beside the new one: the baseline of a
                    // relative trigger, and for any trigger what users of the stable version see at that moment.
                    OptionalDouble stable =
                            comparesVersions(trigger) ? stableAt(trigger, next) : OptionalDouble.empty();
                    OptionalDouble baseline =
                            sideBySide(trigger) ? stable : baselines.getOrDefault(trigger.id(), OptionalDouble.empty());
                    Evaluation evaluation = watches.get(trigger.id()).observe(reading, baseline);
                    append(new Sampled(
                            move.step(),
                            trigger.id(),
                            trigger.metric(),
                            reading.hasValue() ? reading.value().getAsDouble() : null,
                            reading.problem(),
                            evaluation.state().name(),
                            stable.isPresent() ? stable.getAsDouble() : null));
                    if (!evaluation.fired()) continue;
                    append(new Breached(trigger.id(), trigger.severity().name(), evaluation.reason()));
                    if (trigger.severity() == Severity.HARD) {
                        rollbackReason = trigger.id() + " fired: " + evaluation.reason();
                        return Outcome.ROLL_BACK;
                    }
                    append(new Paused("soft trigger " + trigger.id() + " fired: " + evaluation.reason(), false));
                    return Outcome.WAIT;
                }
            }
            return Outcome.CONTINUE;
        }

        /**
         * A trigger that fired at a stored sample of this step: the run died before acting on it, so it acts now
         * instead of watching on.
         */
        private Optional<Outcome> decidedBefore(Move move) throws StoreException {
            List<RunLog.Logged> all = List.copyOf(events);
            int since = 0;
            for (int i = 0; i < all.size(); i++) {
                if (!(all.get(i).event() instanceof RunEvent.Decided d)) continue;
                if (!d.proceed()) {
                    rollbackReason = "rolled back by " + d.person() + ": " + d.reason();
                    return Optional.of(Outcome.ROLL_BACK);
                }
                // A breach a person let pass is behind the run: only samples after the decision count.
                since = i + 1;
            }
            for (int i = since; i < all.size(); i++) {
                if (!(all.get(i).event() instanceof Sampled s) || s.step() != move.step()) continue;
                if (!s.state().equals(Evaluation.State.FIRED.name())
                        && !s.state().equals(Evaluation.State.NO_DATA_FIRED.name())) continue;
                RollbackTrigger trigger = triggers().stream()
                        .filter(t -> t.id().equals(s.trigger()))
                        .findFirst()
                        .orElse(null);
                if (trigger == null) continue;
                List<RunEvent> after = all.subList(i, all.size()).stream()
                        .map(RunLog.Logged::event)
                        .toList();
                Optional<Breached> breached = after.stream()
                        .filter(e -> e instanceof Breached b && b.trigger().equals(s.trigger()))
                        .map(Breached.class::cast)
                        .findFirst();
                String reason = breached.map(Breached::reason)
                        .orElseGet(() -> replayed.containsKey(s.trigger())
                                ? replayed.get(s.trigger()).reason()
                                : s.state());
                if (breached.isEmpty())
                    append(new Breached(trigger.id(), trigger.severity().name(), reason));
                if (trigger.severity() == Severity.HARD) {
                    rollbackReason = trigger.id() + " fired: " + reason;
                    return Optional.of(Outcome.ROLL_BACK);
                }
                if (after.stream().noneMatch(Paused.class::isInstance)) {
                    append(new Paused("soft trigger " + trigger.id() + " fired: " + reason, false));
                }
                return Optional.of(Outcome.WAIT);
            }
            return Optional.empty();
        }

        /**
         * A relative trigger whose query names {version} compares the new version with the stable one at the same
         * moment (both run side by side in a canary or a rolling release), not with the time before the deploy.
         */
        private boolean sideBySide(RollbackTrigger trigger) {
            return trigger.threshold().unit() == Threshold.Unit.TIMES_BASELINE && comparesVersions(trigger);
        }

        private boolean comparesVersions(RollbackTrigger trigger) {
            return trigger.query() != null
                    && trigger.query().contains("{version}")
                    && request.previousVersion().isPresent();
        }

        private OptionalDouble stableAt(RollbackTrigger trigger, Instant at) {
            if (request.metrics().isEmpty()) return OptionalDouble.empty();
            MetricContext stable = metricContext(request.previousVersion().get());
            return request.metrics().get().instant(trigger.query(), at, stable).value();
        }

        /** What a trigger asks its metric source: its query, else its metric's name. */
        private static String query(RollbackTrigger trigger) {
            return trigger.query() != null ? trigger.query() : trigger.metric();
        }

        private Reading read(RollbackTrigger trigger, Instant at) {
            if (request.metrics().isEmpty()) {
                return Reading.missing(at, "no metric source for " + request.environment());
            }
            String query = query(trigger);
            return request.metrics().get().instant(query, at, metricContext());
        }

        /** Relative thresholds compare against the stable version before the deploy. */
        private void measureBaselines() throws StoreException {
            for (RollbackTrigger trigger : triggers()) {
                if (trigger.threshold() == null
                        || trigger.threshold().unit() != Threshold.Unit.TIMES_BASELINE
                        || baselines.containsKey(trigger.id())
                        || sideBySide(trigger)) continue;
                Instant now = time.now();
                List<Reading> readings = request.metrics().isEmpty()
                        ? List.of()
                        : request.metrics()
                                .get()
                                .range(
                                        query(trigger),
                                        now.minus(request.plan().rollout().baseline()),
                                        now,
                                        request.plan().rollout().canary().cadence(),
                                        metricContext());
                OptionalDouble baseline = Baseline.of(readings);
                baselines.put(trigger.id(), baseline);
                append(new BaselineMeasured(
                        trigger.id(),
                        baseline.isPresent() ? baseline.getAsDouble() : null,
                        baseline.isPresent()
                                ? ""
                                : "no value in the "
                                        + request.plan().rollout().baseline().toMinutes() + "m before the deploy"));
            }
        }

        /** Seed 004's order: flags off, traffic back, the target's rollback, a smoke test, the people told. */
        private RunState rollBack(Strategy strategy) throws StoreException {
            append(new PhaseEntered(Phase.FINISH));
            if (!state().liveChanged()) {
                if (!state().touched()) return end(Verdict.ABORTED, rollbackReason + "; nothing was changed");
                TargetResult undone = act("rollback", request.runId() + "/rollback", 0, "", 0);
                return end(
                        Verdict.ABORTED,
                        rollbackReason + "; nothing live was changed, and the deploy without traffic was "
                                + (undone.ok() ? "undone" : "not undone: " + undone.message()));
            }
            append(new Noted("feature flags: none are known for this release, so none were turned off"));
            if ((strategy == Strategy.CANARY || strategy == Strategy.BLUE_GREEN) && state().weight() > 0) {
                act("set-weight", request.runId() + "/traffic-back", 0, "", 0);
            }
            TargetResult back = act("rollback", request.runId() + "/rollback", 0, "", 0);
            smokeTest("/after-rollback");
            List<String> told = triggers().stream()
                    .flatMap(t -> t.notification().stream())
                    .distinct()
                    .toList();
            append(new Noted("notified: "
                    + (told.isEmpty() ? "nobody (no notification in the plan)" : String.join(", ", told))));
            String reason = rollbackReason + (back.ok() ? "" : "; the target's rollback failed: " + back.message());
            return end(Verdict.ROLLED_BACK, reason);
        }

        private RunState end(Verdict verdict, String reason) throws StoreException {
            append(new Ended(verdict, reason, state().liveChanged()));
            return state();
        }

        private void replayWatches() {
            for (RunLog.Logged logged : events) {
                if (logged.event() instanceof BaselineMeasured b) {
                    baselines.put(
                            b.trigger(), b.value() == null ? OptionalDouble.empty() : OptionalDouble.of(b.value()));
                }
            }
            for (RunLog.Logged logged : events) {
                if (logged.event() instanceof RunEvent.Decided d && d.proceed()) {
                    // Continuing past a breach starts each trigger's watch afresh: a breach must last its
                    // whole "for" again before it stops the run again.
                    for (RollbackTrigger trigger : triggers()) watches.put(trigger.id(), TriggerWatch.of(trigger));
                    replayed.clear();
                    continue;
                }
                if (!(logged.event() instanceof Sampled s) || !watches.containsKey(s.trigger())) continue;
                Reading reading = s.value() == null
                        ? Reading.missing(logged.at(), s.problem())
                        : Reading.of(logged.at(), s.value());
                replayed.put(
                        s.trigger(),
                        watches.get(s.trigger())
                                .observe(
                                        reading,
                                        s.baseline() != null
                                                ? OptionalDouble.of(s.baseline())
                                                : baselines.getOrDefault(s.trigger(), OptionalDouble.empty())));
            }
        }

        private List<RollbackTrigger> triggers() {
            return request.plan().rollback().stream()
                    .filter(t -> t.environments().isEmpty() || t.environments().contains(request.environment()))
                    .filter(t -> t.threshold() != null)
                    .toList();
        }

        private MetricContext metricContext() {
            return metricContext(request.version());
        }

        private MetricContext metricContext(Version version) {
            return new MetricContext(
                    request.checks().root(),
                    request.environment(),
                    version.toString(),
                    request.checks().variables());
        }

        private <T extends RunEvent> Optional<T> find(Class<T> type) {
            return events.stream()
                    .map(RunLog.Logged::event)
                    .filter(type::isInstance)
                    .map(type::cast)
                    .findFirst();
        }

        private RunState state() {
            return RunState.of(RunLog.events(events));
        }

        private void append(RunEvent event) throws StoreException {
            request.observer().beforeEach();
            Instant at = time.now();
            log.append(
                    request.runId(), request.version().toString(), request.environment(), request.actor(), at, event);
            RunLog.Logged logged = new RunLog.Logged(at, event);
            events.add(logged);
            request.observer().afterEach(logged);
        }

        private String summary(GateResult result) {
            return result.outcomes().size() + " criteria: " + result.count(CheckResult.Status.MET) + " met, "
                    + result.count(CheckResult.Status.UNMET) + " unmet, " + result.count(CheckResult.Status.ERROR)
                    + " error";
        }
    }
}
