package dev.gantry.rollout;

import dev.gantry.analysis.MetricSource;
import dev.gantry.flags.FlagStates;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Decision;
import dev.gantry.gate.Gate;
import dev.gantry.gate.GateDocument;
import dev.gantry.gate.GateOverride;
import dev.gantry.gate.GateResult;
import dev.gantry.plan.Plan;
import dev.gantry.plan.ReleaseDefaults;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.RunEvent.Decided;
import dev.gantry.rollout.RunEvent.Ended;
import dev.gantry.rollout.RunEvent.GateDecided;
import dev.gantry.rollout.RunEvent.Noted;
import dev.gantry.rollout.RunEvent.Paused;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.RequestRefused;
import dev.gantry.rollout.RunEvent.Requested;
import dev.gantry.rollout.RunEvent.RollbackDecided;
import dev.gantry.rollout.RunEvent.Started;
import dev.gantry.rollout.RunEvent.StrategyChosen;
import dev.gantry.store.StoreException;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives one run through the six phases: gate, strategy select, execute, smoke test, watch window, commit or
 * rollback. Every step is an event in the store before and after it happens, so a run started again with the same
 * id continues: an action recorded as finished is not repeated, one started and not finished is repeated with the
 * same idempotency key, and a watch window goes on from its stored samples. Once the run has decided to roll back,
 * it only ever goes back.
 */
public final class RunEngine {

    /**
     * What to run. A run is bound to its commit: everything it does uses {@code commit}, {@code version} and
     * {@code checks} as given when it started, whatever the repository's HEAD is when it is taken up again.
     *
     * @param strategy the strategy asked for; the release type's recommendation when null
     * @param checks the context gate criteria and validations are evaluated in
     * @param overrides the overrides of the gate's criteria recorded for this commit
     * @param previousCommit the commit of the version the release replaces, when known
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
            Observer observer,
            List<GateOverride> overrides,
            Optional<String> previousCommit,
            Conduct conduct) {

        public Request {
            overrides = List.copyOf(overrides);
            checks = new CheckContext(
                    checks.root(),
                    checks.git(),
                    checks.plan(),
                    checks.environment(),
                    checks.version(),
                    checks.tag(),
                    checks.previousTag(),
                    checks.commit(),
                    checks.releaseType(),
                    checks.breaking(),
                    checks.clock(),
                    checks.log(),
                    withRelease(
                            checks.variables(), runId, environment, version, previousVersion, checks, previousCommit),
                    checks.policy(),
                    checks.uploads());
        }

        public Request(
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
                Observer observer) {
            this(
                    runId,
                    environment,
                    version,
                    previousVersion,
                    commit,
                    type,
                    actor,
                    strategy,
                    plan,
                    target,
                    metrics,
                    checks,
                    observer,
                    List.of(),
                    Optional.empty(),
                    Conduct.DETACHED);
        }

        /**
         * The process environment scripts, checks and metric commands run with: the caller's, and the release's
         * own facts under {@code GANTRY_*}.
         */
        public Map<String, String> variables() {
            return checks.variables();
        }

        private static Map<String, String> withRelease(
                Map<String, String> given,
                String runId,
                String environment,
                Version version,
                Optional<Version> previousVersion,
                CheckContext checks,
                Optional<String> previousCommit) {
            Map<String, String> variables = new LinkedHashMap<>(given);
            variables.put("GANTRY_RUN_ID", runId);
            variables.put("GANTRY_ENVIRONMENT", environment);
            variables.put("GANTRY_VERSION", version.toString());
            variables.put("GANTRY_COMMIT", checks.commit());
            variables.put("GANTRY_TAG", checks.tag());
            variables.put(
                    "GANTRY_PREVIOUS_VERSION",
                    previousVersion.map(Version::toString).orElse(""));
            variables.put("GANTRY_PREVIOUS_COMMIT", previousCommit.orElse(""));
            return variables;
        }
    }

    /**
     * How the coordinator conducts the run.
     *
     * @param pollEvery how often, on the run's clock, a waiting coordinator looks for requests from others (an
     *     abort, a decision) and renews its hold on the environment
     * @param detach whether the coordinator leaves a run that waits for a person instead of watching it
     * @param announcer who tells people how the run ended
     */
    public record Conduct(
            Duration pollEvery,
            boolean detach,
            Announcer announcer,
            Optional<Path> processes,
            Optional<RunEvent.TakenUp> handover) {

        /** Leaves a waiting run at once and sends nothing: what a test or a one-shot call wants. */
        public static final Conduct DETACHED = new Conduct(Duration.ofMinutes(1), true, Announcer.NONE);

        public Conduct {
            if (pollEvery.isZero() || pollEvery.isNegative()) {
                throw new IllegalArgumentException("pollEvery must be positive, got " + pollEvery);
            }
        }

        /** Writes down the programs of the run's steps beside the run's working tree. */
        public Conduct(Duration pollEvery, boolean detach, Announcer announcer) {
            this(pollEvery, detach, announcer, Optional.empty());
        }

        public Conduct(Duration pollEvery, boolean detach, Announcer announcer, Optional<Path> processes) {
            this(pollEvery, detach, announcer, processes, Optional.empty());
        }

        /** The same conduct for a run taken up from another coordinator: the run records the handover first. */
        public Conduct takenUp(Optional<RunEvent.TakenUp> handover) {
            return new Conduct(pollEvery, detach, announcer, processes, handover);
        }
    }

    /**
     * Told of every event the run appends: before it, so whoever holds the environment for the run (a lease in
     * the store) keeps holding it, where throwing stops the run to be continued by whoever holds it next; after
     * it, so a terminal or a CI log shows the run as it goes; and at each poll of a wait.
     */
    public interface Observer {
        Observer NONE = new Observer() {};

        default void beforeEach() throws StoreException {}

        default void afterEach(RunLog.Logged event) {}

        /** A waiting coordinator is still there: by default, what {@link #beforeEach} does. */
        default void poll() throws StoreException {
            beforeEach();
        }
    }

    private final RunLog log;
    private final Time time;

    public RunEngine(RunLog log, Time time) {
        this.log = log;
        this.time = time;
    }

    /** Runs, or continues, the run; returns its state when it ended or waits for a person. */
    public RunState run(Request request) throws StoreException, InterruptedException {
        return new Attempt(record(request)).go();
    }

    /**
     * The run's record, with the request bound to what the run started with: a run taken up again replaces the
     * version and commit it recorded then, whatever the caller worked out now.
     */
    private RunRecord record(Request request) throws StoreException {
        RunRecord record = new RunRecord(log, time, request);
        Optional<Started> started = record.first(Started.class);
        if (started.isEmpty()) return record;
        Started s = started.get();
        if (!s.version().equals(request.version().toString())
                || (s.commit() != null && !s.commit().equals(request.commit()))) {
            throw new IllegalArgumentException("run " + request.runId() + " is bound to " + s.version() + " at commit "
                    + s.commit() + ", not to " + request.version() + " at " + request.commit());
        }
        Request bound = new Request(
                request.runId(),
                request.environment(),
                request.version(),
                Optional.ofNullable(s.previousVersion()).map(Version::parse),
                request.commit(),
                request.type(),
                request.actor(),
                request.strategy(),
                request.plan(),
                request.target(),
                request.metrics(),
                request.checks(),
                request.observer(),
                request.overrides(),
                Optional.ofNullable(s.previousCommit()).or(request::previousCommit),
                request.conduct());
        return new RunRecord(log, time, bound);
    }

    /**
     * Asks for a person's decision on a run that waits for one, then carries the run on: continue lets the breach
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
        ask(request, new Requested(proceed ? Requested.Ask.CONTINUE : Requested.Ask.ROLL_BACK, person, reason));
        return run(request);
    }

    /**
     * Takes a released version back, as a run of its own: {@code request.version()} is the version live now and
     * {@code request.previousVersion()} the one brought back. The run decides its rollback first, then carries it
     * out as any rollback (the target's rollback, a smoke test of the version brought back, the people told); run
     * again after a crash, it carries on from where it stopped.
     */
    public RunState rollBackReleased(Request request, String person, String reason)
            throws StoreException, InterruptedException {
        if (request.previousVersion().isEmpty()) {
            throw new IllegalArgumentException("a rollback needs the version to bring back");
        }
        RunRecord record = record(request);
        Attempt attempt = new Attempt(record);
        if (record.isEmpty()) {
            attempt.start("rolled back from " + request.version() + " to "
                    + request.previousVersion().get() + " by " + person + ": " + reason);
        }
        return attempt.go();
    }

    /** Appends a person's request to the run, outside the coordinator's chain: whoever runs it answers it. */
    public void ask(Request request, Requested requested) throws StoreException {
        log.append(
                request.runId(),
                request.version().toString(),
                request.environment(),
                requested.person(),
                time.now(),
                requested);
    }

    /** One pass over a run: what its stored events say was done is not done again. */
    private final class Attempt {

        private final RunRecord record;
        private final Request request;
        private final Actions actions;
        private final SmokeTest smoke;
        private final WatchWindow watch;
        private final Rollback rollback;

        Attempt(RunRecord record) {
            this.record = record;
            this.request = record.request();
            this.actions = new Actions(record);
            this.smoke = new SmokeTest(record);
            this.watch = new WatchWindow(record);
            this.rollback =
                    new Rollback(record, actions, smoke, new Announcements(record), new FlagStates(log.store()));
            record.onRequest(this::answerRequests);
        }

        /** @param rollback why a person takes the released version back; null for a release */
        void start(String rollback) throws StoreException {
            record.append(new Started(
                    request.runId(),
                    request.environment(),
                    request.version().toString(),
                    request.previousVersion().map(Version::toString).orElse(null),
                    request.commit(),
                    request.actor(),
                    request.checks().tag(),
                    request.previousCommit().orElse(null),
                    rollback));
        }

        RunState go() throws StoreException, InterruptedException {
            if (record.isEmpty()) start(null);
            else if (!record.state().finished() && request.conduct().handover().isPresent())
                record.append(request.conduct().handover().get());
            while (true) {
                if (record.state().finished()) return record.state();
                // A person's rollback of a released version decides its rollback first, whoever takes it up.
                Started started = record.first(Started.class).orElseThrow();
                if (started.rollback() != null && record.state().rollback().isEmpty()) {
                    record.append(
                            new RollbackDecided(RollbackCause.MANUAL_ROLLBACK, started.rollback(), started.actor(), 0));
                }
                answerRequests();
                RunState state = record.state();
                if (state.rollback().isPresent())
                    return rollback.carryOn(chosenStrategy().orElse(null));
                if (state.waiting().isPresent()) {
                    if (request.conduct().detach()) return detach(state);
                    watch.whilePaused(state.waiting().get());
                    continue;
                }
                Step step = forward();
                if (step instanceof Step.Back back) rollback.decide(back.cause(), back.reason());
                if (step == Step.ON) return record.state();
            }
        }

        /** Leaves a waiting run, and says that nobody watches it until someone takes it up. */
        private RunState detach(RunState state) throws StoreException {
            if (!state.detached()) {
                record.append(new RunEvent.Detached("the coordinator left the run waiting: nobody watches "
                        + request.environment() + " until someone decides or takes the run up again"));
            }
            return record.state();
        }

        /** The release forward: ON when it ended, WAIT when a person must decide, Back to roll back. */
        private Step forward() throws StoreException, InterruptedException {
            Optional<GateDecided> gate = record.first(GateDecided.class);
            if (gate.isEmpty()) gate = Optional.of(gate());
            if (gate.get().decision() == Decision.NO_GO) {
                end(Verdict.ABORTED, "the gate said NO-GO: " + gate.get().summary() + "; nothing was changed");
                return Step.ON;
            }
            Strategy strategy = strategy();
            List<Move> moves = Moves.of(strategy, request.plan().rollout(), ReleaseDefaults.of(request.type()));
            watch.measureBaselines();
            for (Move move : moves) {
                Step step = perform(move);
                if (step != Step.ON) return step;
                if (record.state().rollback().isPresent()
                        || record.state().waiting().isPresent()) return Step.WAIT;
            }
            if (record.state().phase() != Phase.FINISH) record.append(new PhaseEntered(Phase.FINISH));
            tagIfAsked();
            boolean overridden = gate.get().decision() == Decision.GO_WITH_OVERRIDE || overriddenByPerson();
            end(
                    overridden ? Verdict.RELEASED_WITH_OVERRIDE : Verdict.RELEASED,
                    overridden
                            ? "every step watched; a person let the release pass an unmet criterion or a breach"
                            : "every step watched without a breach");
            return Step.ON;
        }

        private GateDecided gate() throws StoreException {
            record.append(new PhaseEntered(Phase.GATE));
            GateResult result = new Gate().evaluate(request.checks(), request.overrides());
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
            GateDecided decided = new GateDecided(result.decision(), summary(result));
            record.append(decided);
            return decided;
        }

        private Optional<Strategy> chosenStrategy() {
            return record.first(StrategyChosen.class).map(StrategyChosen::chosen);
        }

        private Strategy strategy() throws StoreException {
            Optional<Strategy> chosen = chosenStrategy();
            if (chosen.isPresent()) return chosen.get();
            StrategyChosen choice =
                    PlannedRollout.choose(request.type(), request.plan().rollout(), request.strategy());
            record.append(new PhaseEntered(Phase.STRATEGY));
            record.append(choice);
            return choice.chosen();
        }

        private Step perform(Move move) throws StoreException, InterruptedException {
            String stepId = move.stepId(request.runId());
            RunState state = record.state();
            if (!state.doneActions().contains(stepId) && !state.failedActions().contains(stepId)) {
                if (state.phase() != Phase.EXECUTE) record.append(new PhaseEntered(Phase.EXECUTE));
            }
            TargetResult result = actions.act(move.action(), stepId, move.weight(), move.colour(), move.step());
            // A failed action is never tried again forward: the run rolls back from it.
            if (!result.ok())
                return Step.back(RollbackCause.ACTION_FAILED, move.action() + " failed: " + result.message());
            if (move.smoke()) {
                Step smoked = smoke.afterDeploy();
                if (smoked != Step.ON) return smoked;
            }
            if (!move.watch().isZero()) {
                Step watched = watch.watch(move);
                if (watched != Step.ON) return watched;
                if (record.state().rollback().isPresent()) return Step.WAIT;
            }
            if (move.pause()) return pauseAfter(move);
            return Step.ON;
        }

        /** A canary step the plan wants a person to look at: the run waits once, until someone decides. */
        private Step pauseAfter(Move move) throws StoreException {
            String reason = "manual pause after the " + move.weight() + "% step, as rollout.canary.pauseAt asks";
            boolean paused = record.all(Paused.class).stream()
                    .anyMatch(p -> p.manual() && p.reason().equals(reason));
            if (paused) return Step.ON;
            record.append(new Paused(reason, true, move.step()));
            return Step.WAIT;
        }

        /**
         * Answers the requests people appended: a decision on a waiting run, or an abort. A request that does not
         * fit the run any more (continue a run that no longer waits) is refused in the log, never dropped.
         */
        private void answerRequests() throws StoreException {
            for (RunLog.Logged logged : record.unanswered()) {
                Requested r = (Requested) logged.event();
                RunState state = record.state();
                long seq = logged.sequence();
                if (state.finished()) return;
                if (state.rollback().isPresent()) {
                    record.append(new RequestRefused(seq, "the run is rolling back already"));
                    continue;
                }
                switch (r.ask()) {
                    case ABORT ->
                        record.append(new RollbackDecided(
                                RollbackCause.PERSON_ABORTED,
                                "aborted by " + r.person() + ": " + r.reason(),
                                r.person(),
                                seq));
                    case CONTINUE, ROLL_BACK -> {
                        if (state.waiting().isEmpty()) {
                            record.append(new RequestRefused(seq, "the run does not wait for a decision"));
                        } else if (r.ask() == Requested.Ask.CONTINUE) {
                            record.append(new Decided(true, r.person(), r.reason(), seq));
                        } else {
                            record.append(new RollbackDecided(
                                    RollbackCause.PERSON_DECIDED,
                                    "rolled back by " + r.person() + ": " + r.reason(),
                                    r.person(),
                                    seq));
                        }
                    }
                }
            }
        }

        /** A person let the run go on past a breach or a failed smoke test (not past a pause the plan asked for). */
        private boolean overriddenByPerson() {
            Paused last = null;
            for (RunLog.Logged logged : record.events()) {
                if (logged.event() instanceof Paused p) last = p;
                if (logged.event() instanceof Decided d && d.proceed() && last != null && !last.manual()) return true;
            }
            return false;
        }

        /** Released in an environment of {@code rollout.tagIn}: the run's commit gets the version's tag. */
        private void tagIfAsked() throws StoreException {
            if (!request.plan().rollout().tagIn().contains(request.environment())) return;
            CheckContext checks = request.checks();
            String tag = checks.tag();
            if (record.all(Noted.class).stream().anyMatch(n -> n.what().contains(" as " + tag))) return;
            try {
                checks.git()
                        .tag(
                                tag,
                                request.commit(),
                                "Release " + request.version() + ", released in " + request.environment() + " by "
                                        + request.actor());
                record.append(new Noted("tagged " + request.commit().substring(0, 7) + " as " + tag));
            } catch (RuntimeException e) {
                // The release is live and stays so; the missing tag is said, not hidden.
                record.append(new Noted("could not tag the release commit as " + tag + ": " + e.getMessage()));
            }
        }

        private void end(Verdict verdict, String reason) throws StoreException {
            record.append(new Ended(verdict, reason, record.state().liveChanged()));
        }

        private String summary(GateResult result) {
            return result.outcomes().size() + " criteria: " + result.count(CheckResult.Status.MET) + " met, "
                    + result.count(CheckResult.Status.UNMET) + " unmet, " + result.count(CheckResult.Status.ERROR)
                    + " error";
        }
    }
}
