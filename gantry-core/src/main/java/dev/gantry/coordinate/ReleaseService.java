package dev.gantry.coordinate;

import dev.gantry.analysis.MetricSources;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.Checks;
import dev.gantry.gate.Gate;
import dev.gantry.gate.GateDocument;
import dev.gantry.gate.GateOverride;
import dev.gantry.gate.GateResult;
import dev.gantry.gate.Overrides;
import dev.gantry.gate.PolicyRules;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.policy.Policy;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Targets;
import dev.gantry.rollout.Time;
import dev.gantry.store.Lease;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import dev.gantry.text.PersonText;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release use-cases that the command line and the server both call: start or take up a run, with the
 * environment's lease, a run id that never repeats, the {@code requires} rule on the exact commit and the
 * overrides recorded for that commit; and a person's request (a decision, an abort) to a run another process
 * may be running.
 */
public final class ReleaseService {

    /**
     * How long a run holds its environment after its coordinator last showed it is there: longer than the longest
     * target action, which cannot renew it. A coordinator killed on this machine is taken over at once anyway.
     */
    public static final Duration LEASE = Duration.ofMinutes(15);

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Store store;
    private final Time time;
    private final Coordinator me;
    private final RunLog runs;
    private final ReleaseLog releases;
    private final Duration lease;

    public ReleaseService(Store store, Time time, Coordinator me) {
        this(store, time, me, LEASE);
    }

    /**
     * @param lease how long the runs this service takes stay held after it last renewed them: shorter than {@link
     *     #LEASE} only for a coordinator that renews them by itself while a target action runs
     */
    public ReleaseService(Store store, Time time, Coordinator me, Duration lease) {
        this.store = store;
        this.time = time;
        this.me = me;
        this.lease = lease;
        this.runs = new RunLog(store);
        this.releases = new ReleaseLog(store);
    }

    /**
     * The run in {@code environment} that has not ended, of any release, if any.
     *
     * @throws RunLog.BrokenChain when a run of the environment was edited in the store
     * @throws RunLog.LostEvents when the store no longer holds a run of the environment that it once held
     */
    public Optional<RunBinding> unfinished(String environment) throws StoreException {
        runs.verifyAll(environment);
        for (RunLog.Summary run : runs.history(environment)) {
            if (run.end().isEmpty())
                return Optional.of(new RunBinding(run.runId(), environment, run.version(), run.commit()));
        }
        return Optional.empty();
    }

    /** The last run in {@code environment}, ended or not. */
    public Optional<RunBinding> last(String environment) throws StoreException {
        List<RunLog.Summary> all = runs.history(environment);
        if (all.isEmpty()) return Optional.empty();
        RunLog.Summary run = all.get(all.size() - 1);
        return Optional.of(new RunBinding(run.runId(), environment, run.version(), run.commit()));
    }

    /**
     * Refuses a release into {@code env} unless every environment it requires released the same commit: the same
     * version built from another commit (a fix released again under the version that was rolled back) is not it.
     */
    public void requireReleased(Environment env, String version, String commit) throws StoreException, Refused {
        for (String required : env.requires()) {
            // What the required environment released is read from its runs only when their records hold.
            runs.verifyAll(required);
            List<RunLog.Summary> released = runs.history(required).stream()
                    .filter(r -> r.version().equals(version))
                    .filter(r -> r.end().filter(e -> e.verdict().released()).isPresent())
                    .toList();
            if (released.stream().anyMatch(r -> commit.equals(r.commit()))) continue;
            if (released.isEmpty()) {
                throw new Refused(env.name() + " requires " + required + ", which has not released " + version
                        + " yet: run gantry release " + required);
            }
            String other = released.get(released.size() - 1).commit();
            throw new Refused(env.name() + " requires " + required + ", which released " + version + " from commit "
                    + shortened(other) + ", not from this release's commit " + shortened(commit)
                    + ": release commit " + shortened(commit) + " to " + required + " first");
        }
    }

    /** A new run's id: the environment, the version and the time, with a number when that was taken already. */
    public String newRunId(String environment, Version version) throws StoreException {
        String base =
                environment + "-" + version + "-" + RUN_TIME.format(time.now().atZone(ZoneOffset.UTC));
        List<String> taken = runs.runIds();
        String id = base;
        for (int n = 2; taken.contains(id); n++) id = base + "-" + n;
        return id;
    }

    /**
     * Takes {@code environment} for the run: one run per environment. A lease held by a coordinator process of
     * this machine that no longer runs is taken over at once.
     */
    public void take(String environment, String runId) throws StoreException, Refused {
        if (store.acquire(environment, me.id(), runId, time.now(), lease).isPresent()) return;
        Optional<Lease> held = store.lease(environment);
        if (held.isPresent() && Coordinator.deadHere(held.get().holder())) {
            store.release(environment, held.get().holder());
            if (store.acquire(environment, me.id(), runId, time.now(), lease).isPresent()) return;
            held = store.lease(environment);
        }
        Lease lease = held.orElseThrow(() -> new Refused(environment + " is held by another run; try again"));
        throw new Refused(environment + " is held by run " + lease.runId() + " (coordinator " + lease.holder()
                + ") until " + lease.expires() + "; wait for it to end, or decide on it or abort it from here");
    }

    /**
     * Takes up the unfinished {@code run} as {@link #take} takes an environment; when another coordinator held it
     * before (it was killed, or stopped renewing its lease), the handover to record in the run.
     */
    public Optional<RunEvent.TakenUp> takeUp(RunBinding run) throws StoreException, Refused {
        Optional<Lease> before = store.lease(run.environment());
        take(run.environment(), run.runId());
        return before.filter(l -> l.runId().equals(run.runId()))
                .filter(l -> !l.holder().equals(me.id()))
                .map(l -> new RunEvent.TakenUp(me.id(), l.holder()));
    }

    /**
     * Renews this coordinator's lease on {@code environment} without an event of the run: what a coordinator that
     * is alive does while a long target action runs. False when it no longer holds it.
     */
    public boolean renew(String environment) throws StoreException {
        return store.renew(environment, me.id(), time.now(), lease);
    }

    /** Whether another live coordinator holds {@code environment} for {@code runId} now. */
    public Optional<Lease> watchedByAnother(String environment, String runId) throws StoreException {
        return store.lease(environment)
                .filter(l -> l.runId().equals(runId))
                .filter(l -> !l.holder().equals(me.id()))
                .filter(l -> !l.expiredAt(time.now()))
                .filter(l -> !Coordinator.deadHere(l.holder()));
    }

    /**
     * Refuses a person who may not decide on a paused run: only people of the plan who hold a role of {@code
     * approvals.override} may let a breach pass or roll a run back.
     */
    public static void mayDecide(Plan plan, String person) throws Refused {
        dev.gantry.plan.Person who =
                plan.person(person).orElseThrow(() -> new Refused("\"" + person + "\" is not in the plan's people"));
        if (plan.approvals().override().stream().noneMatch(who::holds)) {
            throw new Refused(person + " may not decide: it needs one of the roles "
                    + String.join(", ", plan.approvals().override()));
        }
    }

    /**
     * Refuses a person who may not stop a run or take a version back: anyone among the plan's people may, since
     * stopping harm must be easy; the reason is kept.
     */
    public static void mayStop(Plan plan, String person, String reason) throws Refused {
        if (plan.person(person).isEmpty()) throw new Refused("\"" + person + "\" is not in the plan's people");
        reason(reason);
    }

    /** Refuses a reason that is empty or that {@link PersonText} refuses. */
    public static void reason(String reason) throws Refused {
        Optional<String> refused = PersonText.refusal("--reason", reason, true);
        if (refused.isPresent()) throw new Refused(refused.get());
    }

    /** Keeps the lease; throws when another coordinator took it, which stops this one. */
    public void keep(String environment, String runId) throws StoreException {
        if (!store.renew(environment, me.id(), time.now(), lease)) {
            throw new StoreException("run " + runId + " lost its hold on " + environment
                    + " to another coordinator; it stops here and can be taken up with gantry resume " + environment);
        }
    }

    public void letGo(String environment) throws StoreException {
        store.release(environment, me.id());
    }

    /**
     * Checks a person's overrides of criteria of the release in {@code environment} and records them for its
     * commit, so that the gate and the run's own gate honour them; returns every override recorded for that commit
     * in that environment. Refused: a person without an overriding role, a missing reason, an unknown criterion,
     * and an author of the release overriding its approvals.
     */
    public List<GateOverride> override(
            Plan plan,
            GitRepository git,
            Candidate candidate,
            String environment,
            List<String> criteria,
            String person,
            String reason)
            throws StoreException, Refused {
        String version = candidate.version().toString();
        if (!criteria.isEmpty()) {
            reason(reason);
            List<GateOverride> given;
            try {
                given = Overrides.of(
                        plan,
                        environment,
                        criteria,
                        person,
                        reason,
                        time.now(),
                        dev.gantry.gate.Signoff.authors(
                                git, releases, version, candidate.commit(), candidate.previousTag()));
            } catch (IllegalArgumentException e) {
                throw new Refused(e.getMessage());
            }
            recordOverrides(version, environment, candidate.commit(), given);
        }
        return overrides(version, environment, candidate.commit());
    }

    /**
     * The gate of the release in {@code environment}: the overrides asked for checked and recorded for its commit
     * (see {@link #override}), every criterion evaluated with all the overrides of that commit, and the result
     * stored as the environment's last gate, by {@code person}.
     */
    public GateResult gate(
            CheckContext context,
            Candidate candidate,
            GitRepository git,
            List<String> criteria,
            String person,
            String reason)
            throws StoreException, Refused {
        String environment = context.environment();
        List<GateOverride> given = override(context.plan(), git, candidate, environment, criteria, person, reason);
        GateResult result = new Gate().evaluate(context, given);
        releases.gate(candidate.version().toString(), environment, result.at(), person, GateDocument.json(result));
        return result;
    }

    /** Records overrides given for the release's commit, so that the run's gate honours them. */
    public void recordOverrides(String version, String environment, String commit, List<GateOverride> given)
            throws StoreException {
        for (GateOverride o : given) {
            releases.override(version, environment, commit, o.criterion(), o.person(), o.role(), o.reason(), o.at());
        }
    }

    /** The overrides recorded for the commit in the environment, each criterion's last one. */
    public List<GateOverride> overrides(String version, String environment, String commit) throws StoreException {
        return Overrides.recorded(releases.overrides(version, environment, commit));
    }

    /**
     * Refuses a release whose plan weakens the server's policy for the environment, naming the policy and what the
     * plan lacks: the gate would refuse it the same way.
     */
    public static void requireKeeps(Plan plan, Optional<Policy> policy, String environment, ReleaseType type)
            throws Refused {
        if (policy.isEmpty()) return;
        List<String> lacks = PolicyRules.lacks(plan, policy.get(), environment, type, Checks.typeName());
        if (!lacks.isEmpty()) throw new Refused(PolicyRules.refusal(policy.get(), lacks));
    }

    /**
     * What a run needs from its front end: the release, who runs it, and how the coordinator behaves; {@code
     * uploads} are the evidence files laid into {@code root} for its commit, none for a working tree.
     */
    public record Order(
            Plan plan,
            Environment environment,
            Candidate candidate,
            String runId,
            String actor,
            Strategy strategy,
            Path root,
            GitRepository git,
            Map<String, String> variables,
            RunEngine.Conduct conduct,
            RunEngine.Observer display,
            Optional<Policy> policy,
            dev.gantry.gate.Uploads uploads) {

        public Order {
            policy = policy == null ? Optional.empty() : policy;
            if (uploads == null) uploads = dev.gantry.gate.Uploads.none();
        }

        /** An order without a server policy or uploaded evidence, as on the command line. */
        public Order(
                Plan plan,
                Environment environment,
                Candidate candidate,
                String runId,
                String actor,
                Strategy strategy,
                Path root,
                GitRepository git,
                Map<String, String> variables,
                RunEngine.Conduct conduct,
                RunEngine.Observer display) {
            this(
                    plan,
                    environment,
                    candidate,
                    runId,
                    actor,
                    strategy,
                    root,
                    git,
                    variables,
                    conduct,
                    display,
                    Optional.empty(),
                    dev.gantry.gate.Uploads.none());
        }

        /** An order without a server policy. */
        public Order(
                Plan plan,
                Environment environment,
                Candidate candidate,
                String runId,
                String actor,
                Strategy strategy,
                Path root,
                GitRepository git,
                Map<String, String> variables,
                RunEngine.Conduct conduct,
                RunEngine.Observer display,
                dev.gantry.gate.Uploads uploads) {
            this(
                    plan,
                    environment,
                    candidate,
                    runId,
                    actor,
                    strategy,
                    root,
                    git,
                    variables,
                    conduct,
                    display,
                    Optional.empty(),
                    uploads);
        }
    }

    /**
     * Runs the order's run, or takes it up, on the lease the caller took: the gate with the overrides recorded for
     * the run's commit, and the run's release facts for every script.
     */
    public RunState run(Order order) throws StoreException, InterruptedException {
        Candidate c = order.candidate();
        String env = order.environment().name();
        CheckContext checks = new CheckContext(
                order.root(),
                order.git(),
                order.plan(),
                env,
                c.version(),
                c.tag(),
                c.previousTag(),
                c.commit(),
                c.type(),
                c.breaking(),
                time.clock(),
                releases,
                order.variables(),
                order.policy(),
                order.uploads());
        // The version a release replaces is the one live in this environment, when a run released one: after a
        // person's rollback that is not the last tag. Otherwise, the release before it in git.
        Optional<RunBinding> live = Live.of(env, runs.history(env)).now();
        Optional<Version> previous = live.isPresent()
                ? live.map(r -> Version.parse(r.version()))
                : c.previousTag().flatMap(t -> order.plan().versioning().tags().versionOf(t));
        Optional<String> previousCommit = live.isPresent()
                ? live.map(RunBinding::commit)
                : c.previousTag()
                        .flatMap(t -> order.git() == null
                                ? Optional.empty()
                                : order.git().tagCommit(t));
        RunEngine.Request request = new RunEngine.Request(
                order.runId(),
                env,
                c.version(),
                previous,
                c.commit(),
                c.type(),
                order.actor(),
                order.strategy(),
                order.plan(),
                Targets.target(order.environment().target()),
                Optional.ofNullable(order.environment().metrics()).map(MetricSources::source),
                checks,
                observer(env, order.runId(), order.display()),
                overrides(c.version().toString(), env, c.commit()),
                previousCommit,
                order.conduct());
        RunState state = new RunEngine(runs, time).run(request);
        if (state.finished()) letGo(env);
        return state;
    }

    /**
     * What a person's rollback of a released version needs from its front end.
     *
     * @param processes where the programs of its actions are written down, so that whoever takes the rollback up
     *     after a crash stops the one left running; beside the working tree when empty
     */
    public record RollbackOrder(
            Plan plan,
            Environment environment,
            Optional<String> to,
            String person,
            String reason,
            Path root,
            GitRepository git,
            Map<String, String> variables,
            RunEngine.Observer display,
            Optional<Path> processes) {

        public RollbackOrder(
                Plan plan,
                Environment environment,
                Optional<String> to,
                String person,
                String reason,
                Path root,
                GitRepository git,
                Map<String, String> variables,
                RunEngine.Observer display) {
            this(plan, environment, to, person, reason, root, git, variables, display, Optional.empty());
        }
    }

    /** The run a rollback would make: the version live now and the one it brings back. */
    public record RollbackPlan(RunBinding live, RunBinding back) {}

    /** Works out what {@code gantry rollback} would take back, and to what, refusing what cannot be. */
    public RollbackPlan rollbackPlan(String environment, Optional<String> to) throws StoreException, Refused {
        List<RunLog.Summary> history = runs.history(environment);
        Optional<RollbackPlan> retry = retryOfFailedRollback(environment, history, to);
        if (retry.isPresent()) return retry.get();
        Live live = Live.of(environment, history);
        RunBinding now = live.now()
                .orElseThrow(() -> new Refused("no version was released in " + environment + ": nothing to roll back"));
        RunBinding back = live.before(to)
                .orElseThrow(() -> new Refused(
                        to.isPresent()
                                ? to.get() + " was not released in " + environment + " before " + now.version()
                                : "no version was released in " + environment + " before " + now.version()
                                        + ": nothing to go back to"));
        return new RollbackPlan(now, back);
    }

    /**
     * When the last run of the environment ended Rollback-Failed, what is live is not known: a rollback goes again
     * from the version that run put out (in part, perhaps) to the one it meant to bring back, unless another version
     * is named.
     */
    private static Optional<RollbackPlan> retryOfFailedRollback(
            String environment, List<RunLog.Summary> history, Optional<String> to) {
        Optional<RunLog.Summary> last =
                history.stream().filter(run -> run.end().isPresent()).reduce((first, second) -> second);
        if (last.isEmpty() || last.get().end().get().verdict() != dev.gantry.rollout.Verdict.ROLLBACK_FAILED) {
            return Optional.empty();
        }
        RunLog.Summary failed = last.get();
        if (failed.previousVersion().isEmpty()) return Optional.empty();
        if (to.isPresent() && !to.get().equals(failed.previousVersion().get())) return Optional.empty();
        return Optional.of(new RollbackPlan(
                new RunBinding(failed.runId(), environment, failed.version(), failed.commit()),
                new RunBinding(
                        failed.runId(),
                        environment,
                        failed.previousVersion().get(),
                        failed.previousCommit().orElse(null))));
    }

    /**
     * A person takes the released version of an environment back to the one before (or the one named), as a run
     * of its own with its own report: the target's rollback, a smoke test of the version brought back, the
     * people told. The caller has taken the environment with {@link #take}.
     */
    public RunState rollback(RollbackOrder order, RollbackPlan plan, String runId)
            throws StoreException, InterruptedException {
        String env = order.environment().name();
        Version live = Version.parse(plan.live().version());
        Version back = Version.parse(plan.back().version());
        dev.gantry.version.TagPatterns tags = order.plan().versioning().tags();
        dev.gantry.version.ReleaseType type = dev.gantry.version.ReleaseType.of(
                live.major() != back.major()
                        ? dev.gantry.version.Bump.MAJOR
                        : live.minor() != back.minor() ? dev.gantry.version.Bump.MINOR : dev.gantry.version.Bump.PATCH,
                false);
        CheckContext checks = new CheckContext(
                order.root(),
                order.git(),
                order.plan(),
                env,
                live,
                tags.format(live),
                Optional.of(tags.format(back)),
                plan.live().commit(),
                type,
                false,
                time.clock(),
                releases,
                order.variables());
        RunEngine.Request request = new RunEngine.Request(
                runId,
                env,
                live,
                Optional.of(back),
                plan.live().commit(),
                type,
                order.person(),
                null,
                order.plan(),
                Targets.target(order.environment().target()),
                Optional.ofNullable(order.environment().metrics()).map(MetricSources::source),
                checks,
                observer(env, runId, order.display()),
                List.of(),
                Optional.ofNullable(plan.back().commit()),
                new RunEngine.Conduct(
                        time.pace(Duration.ofSeconds(2)),
                        true,
                        new PlanAnnouncer(order.plan(), order.variables(), time),
                        order.processes()));
        RunState state = new RunEngine(runs, time).rollBackReleased(request, order.person(), order.reason());
        if (state.finished()) letGo(env);
        return state;
    }

    /** Appends a person's request to a run; the coordinator running it answers it. */
    public void ask(RunBinding run, RunEvent.Requested requested) throws StoreException {
        runs.append(run.runId(), run.version(), run.environment(), requested.person(), time.now(), requested);
    }

    /** The events of one run, oldest first. */
    public List<RunLog.Logged> events(RunBinding run) throws StoreException {
        return runs.runs(run.version(), run.environment()).getOrDefault(run.runId(), List.of());
    }

    /** The run's events stored after {@code sequence}, oldest first: what a follower has not seen yet. */
    public List<RunLog.Logged> eventsAfter(RunBinding run, long sequence) throws StoreException {
        return runs.runAfter(run.version(), run.environment(), run.runId(), sequence);
    }

    public RunState state(RunBinding run) throws StoreException {
        return RunState.of(RunLog.events(events(run)));
    }

    private RunEngine.Observer observer(String environment, String runId, RunEngine.Observer display) {
        return new RunEngine.Observer() {
            @Override
            public void beforeEach() throws StoreException {
                keep(environment, runId);
            }

            @Override
            public void afterEach(RunLog.Logged event) {
                display.afterEach(event);
            }
        };
    }

    private static String shortened(String commit) {
        return commit == null ? "unknown" : commit.substring(0, Math.min(7, commit.length()));
    }

    /** Every run's binding in the environment, oldest first: for history and status. */
    public List<RunLog.Summary> history(String environment) throws StoreException {
        return new ArrayList<>(runs.history(environment));
    }
}
