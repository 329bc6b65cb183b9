package dev.gantry.server;

import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.PlanAnnouncer;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.coordinate.RunReports;
import dev.gantry.coordinate.TagPushes;
import dev.gantry.evidence.EvidenceService;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.GateResult;
import dev.gantry.gate.Uploads;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.store.ReleaseLog;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runs the server runs itself: each on a thread of its own, in a checkout of its commit, holding its
 * environment's lease, watching its metrics and waiting for decisions with no terminal open. A run the server was
 * stopped in the middle of is taken up when it starts again, from its events.
 */
final class ServerRuns implements AutoCloseable {

    private final Path data;
    private final Time time;
    private final ServerLog log;
    private final Coordinator me;
    private final Duration lease;
    private final RunFeeds feeds;
    private final Policies policies;
    private final FlagAudits flagAudits;
    /** The runs this server runs now, by id: a sweep must not start a second coordinator for one of them. */
    private final java.util.Map<String, Held> running = new java.util.concurrent.ConcurrentHashMap<>();

    /** A run under way here: whose environment's lease this server keeps renewing. */
    private record Held(ProjectHome home, RunBinding run) {}

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "gantry-run");
        thread.setDaemon(true);
        return thread;
    });

    ServerRuns(
            Path data,
            Time time,
            Coordinator me,
            Duration lease,
            Policies policies,
            RunFeeds feeds,
            FlagAudits flagAudits,
            ServerLog log) {
        this.data = data;
        this.flagAudits = flagAudits;
        this.feeds = feeds;
        this.policies = policies;
        this.time = time;
        this.me = me;
        this.lease = lease;
        this.log = log;
    }

    private ReleaseService service(ProjectHome home) {
        return new ReleaseService(home.store(), time, me, lease);
    }

    /**
     * Renews the lease of every run under way here: a run renews it with each event, but a target action can
     * take longer than a lease, and a server that is alive must not lose its runs to another replica meanwhile.
     */
    void renewLeases() {
        running.forEach((runId, held) -> {
            try {
                // False when the run has just ended and let go: nothing to keep.
                service(held.home()).renew(held.run().environment());
            } catch (Exception e) {
                log.error("project " + held.home().name() + ": cannot renew the lease of run " + runId, e);
            }
        });
    }

    /**
     * Starts a release of {@code commit} into {@code environment} as {@code person}: checks and records it as {@code
     * gantry release} does (the environment's target, the {@code requires} rule, the overrides, the lease), then
     * runs it on a thread of its own.
     */
    RunBinding start(
            ProjectHome home,
            String commit,
            String environment,
            Optional<Strategy> strategy,
            List<String> overrides,
            String reason,
            String person)
            throws Exception {
        Plan plan = home.planAt(commit);
        Environment env = target(plan, environment);
        Candidate candidate = candidate(home, plan, commit);
        try {
            ReleaseService.requireKeeps(plan, policies.of(home.name()), environment, candidate.type());
        } catch (Refused e) {
            throw new ApiException(422, e.getMessage());
        }
        ReleaseService service = service(home);
        RunBinding run;
        synchronized (home) {
            Optional<RunBinding> unfinished = service.unfinished(environment);
            if (unfinished.isPresent()) {
                throw new ApiException(
                        409,
                        "run " + unfinished.get().runId() + " of "
                                + unfinished.get().version() + " in " + environment
                                + " has not ended: decide on it or abort it first");
            }
            try {
                service.requireReleased(env, candidate.version().toString(), candidate.commit());
                String runId = service.newRunId(environment, candidate.version());
                service.take(environment, runId);
                run = new RunBinding(runId, environment, candidate.version().toString(), candidate.commit());
                service.override(plan, home.repository(), candidate, environment, overrides, person, reason);
            } catch (Refused e) {
                throw new ApiException(409, e.getMessage());
            }
        }
        Path checkout = checkout(home, run);
        running.put(run.runId(), new Held(home, run));
        threads.submit(() ->
                conduct(home, plan, env, candidate, run, checkout, strategy.orElse(null), person, Optional.empty()));
        return run;
    }

    /**
     * Takes up, on threads of their own, the runs of the project that no live coordinator holds; first audits the
     * flags its runs turned off that a stop or a failure left without an entry.
     */
    void takeUp(ProjectHome home) {
        flagAudits.catchUp(home);
        Plan plan;
        try {
            plan = home.plan();
        } catch (Exception e) {
            log.say("project " + home.name() + ": cannot read the plan to take up its runs: " + e.getMessage());
            return;
        }
        ReleaseService service = service(home);
        for (Environment env : plan.environments()) {
            try {
                Optional<RunBinding> unfinished = service.unfinished(env.name());
                if (unfinished.isEmpty()) continue;
                RunBinding run = unfinished.get();
                if (running.containsKey(run.runId())) continue;
                Optional<RunEvent.TakenUp> handover = service.takeUp(run);
                Plan runPlan = home.planAt(run.commit());
                Candidate candidate = home.candidate(
                                runPlan,
                                run.commit(),
                                Optional.empty(),
                                today(),
                                Optional.of(Version.parse(run.version())))
                        .orElseThrow();
                Path checkout = checkout(home, run);
                log.say("project " + home.name() + ": taking up run " + run.runId() + " in " + env.name());
                running.put(run.runId(), new Held(home, run));
                threads.submit(() -> conduct(
                        home,
                        runPlan,
                        target(runPlan, env.name()),
                        candidate,
                        run,
                        checkout,
                        null,
                        "gantry serve",
                        handover));
            } catch (Refused e) {
                // Another server runs it, and renews its lease; a sweep after that lease expires takes it.
            } catch (Exception e) {
                log.error("project " + home.name() + ": cannot take up the run in " + env.name(), e);
            }
        }
    }

    private void conduct(
            ProjectHome home,
            Plan plan,
            Environment env,
            Candidate candidate,
            RunBinding run,
            Path checkout,
            Strategy strategy,
            String person,
            Optional<RunEvent.TakenUp> handover) {
        ReleaseService service = service(home);
        Uploads uploads;
        try {
            // The run's gate reads the evidence uploaded for its commit, as gantry gate through the server does.
            uploads = new EvidenceService(home.store()).layOut(run.commit(), checkout);
        } catch (Exception e) {
            log.error("project " + home.name() + ": run " + run.runId() + " cannot start", e);
            try {
                if (service.events(run).isEmpty()) service.letGo(env.name());
            } catch (Exception again) {
                log.error("project " + home.name() + ": cannot let go of " + env.name(), again);
            }
            synchronized (running) {
                running.remove(run.runId());
                running.notifyAll();
            }
            return;
        }
        try {
            RunEngine.Conduct conduct = new RunEngine.Conduct(
                    time.pace(Duration.ofSeconds(2)),
                    false,
                    new PlanAnnouncer(plan, System.getenv(), time),
                    Optional.of(processes(home)),
                    handover);
            RunState state = service.run(new ReleaseService.Order(
                    plan,
                    env,
                    candidate,
                    run.runId(),
                    person,
                    strategy,
                    checkout,
                    home.repository(),
                    System.getenv(),
                    conduct,
                    new RunEngine.Observer() {
                        @Override
                        public void afterEach(dev.gantry.rollout.RunLog.Logged event) {
                            // A flag the rollback turned off is audited before the run goes on.
                            if (event.event() instanceof RunEvent.FlagTurnedOff off)
                                flagAudits.turnedOff(home, plan, run.runId(), env.name(), off);
                            // Its followers here get the event now rather than at the next look.
                            feeds.stored(home.name(), run.runId());
                        }
                    },
                    policies.of(home.name()),
                    uploads));
            if (state.end().isPresent()) {
                log.say("project " + home.name() + ": run " + run.runId() + " ended "
                        + state.end().get().verdict().label());
                List<dev.gantry.rollout.RunLog.Logged> events = service.events(run);
                if (((dev.gantry.rollout.RunEvent.Started) events.get(0).event()).rollback() != null) {
                    // A person's rollback taken up after a stop: its report stands beside the release's.
                    rollbackReport(home, plan, env, run, service);
                } else {
                    // Pushed before the report is written, so that the report says whether the origin has the tag.
                    pushTags(home, Optional.of(new Pushed(run, plan)));
                    report(home, plan, env, candidate, run, service);
                }
                removeCheckout(home, checkout);
            }
        } catch (InterruptedException e) {
            // The server is stopping: the run stays as its events say, and is taken up at the next start.
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("project " + home.name() + ": run " + run.runId() + " stopped", e);
        } finally {
            synchronized (running) {
                running.remove(run.runId());
                running.notifyAll();
            }
        }
    }

    /** A run whose tag to push, with the plan of its commit. */
    private record Pushed(RunBinding run, Plan plan) {}

    /**
     * Pushes to the origin the tags the project's runs made in the clone and the origin lacks: those whose last push
     * failed, then the tag of {@code ended}. Never fails the run it follows: each outcome is an event of the run
     * that made the tag and a line of the server's log.
     */
    private void pushTags(ProjectHome home, Optional<Pushed> ended) {
        try {
            TagPushes pushes = tagPushes(home);
            List<String> environments =
                    home.plan().environments().stream().map(Environment::name).toList();
            // The failed ones first: a push of the run's own tag that fails now is not tried twice in a row.
            List<dev.gantry.rollout.RunEvent> outcomes =
                    new java.util.ArrayList<>(pushes.retry(environments, home.repository()));
            if (ended.isPresent()) {
                pushes.push(ended.get().run(), ended.get().plan(), home.repository())
                        .ifPresent(outcomes::add);
            }
            outcomes.forEach(outcome -> said(home, outcome));
        } catch (Exception e) {
            log.error("project " + home.name() + ": cannot push the release tags", e);
        }
    }

    /** The project's tag pushes, one object for all threads of this server so that they take turns. */
    private TagPushes tagPushes(ProjectHome home) {
        return tagPushes.computeIfAbsent(home.name(), name -> new TagPushes(home.store(), time, "gantry serve"));
    }

    private final java.util.Map<String, TagPushes> tagPushes = new java.util.concurrent.ConcurrentHashMap<>();

    private void said(ProjectHome home, dev.gantry.rollout.RunEvent outcome) {
        if (outcome instanceof dev.gantry.rollout.RunEvent.TagPushed p)
            log.say("project " + home.name() + ": " + p.sentence());
        if (outcome instanceof dev.gantry.rollout.RunEvent.TagPushFailed f)
            log.say("project " + home.name() + ": " + f.sentence());
    }

    /**
     * At the server's start, on a thread of its own: pushes the tags whose last push failed, and the tag of each
     * environment's last run if it ended with no push tried (the server stopped between the two).
     */
    void pushTagsOwed(ProjectHome home) {
        threads.submit(() -> {
            pushTags(home, Optional.empty());
            try {
                for (Environment env : home.plan().environments()) {
                    List<dev.gantry.rollout.RunLog.Summary> history =
                            service(home).history(env.name());
                    if (history.isEmpty()
                            || history.get(history.size() - 1).end().isEmpty()) continue;
                    dev.gantry.rollout.RunLog.Summary last = history.get(history.size() - 1);
                    if (last.commit() == null) continue;
                    RunBinding run = new RunBinding(last.runId(), env.name(), last.version(), last.commit());
                    tagPushes(home)
                            .push(run, home.planAt(last.commit()), home.repository())
                            .ifPresent(outcome -> said(home, outcome));
                }
            } catch (Exception e) {
                log.error("project " + home.name() + ": cannot push the release tags", e);
            }
        });
    }

    /** Where the reports of a project's release are written. */
    static Path reports(Path data, String project, String version) {
        return data.resolve("projects").resolve(project).resolve("reports").resolve("v" + version);
    }

    /**
     * A run's report's file name, without its extension: {@code report-} and the run's id, which begins with the
     * environment and the version ({@code report-staging-1.4.0-20261102T090000Z}).
     */
    static String reportName(String runId) {
        return "report-" + runId;
    }

    /** The name an older server gave a run's report, with the environment twice: still found, never written. */
    static String olderReportName(String environment, String runId) {
        return "report-" + environment + "-" + runId;
    }

    private void report(
            ProjectHome home, Plan plan, Environment env, Candidate candidate, RunBinding run, ReleaseService service) {
        try {
            Path folder = reports(data, home.name(), candidate.version().toString());
            new RunReports(home.store(), plan, ZoneOffset.UTC)
                    .write(
                            folder,
                            reportName(run.runId()),
                            candidate.version(),
                            candidate.commit(),
                            candidate.changes(),
                            env,
                            service.events(run));
        } catch (Exception e) {
            log.error("project " + home.name() + ": cannot write the report of run " + run.runId(), e);
        }
    }

    private boolean ended(Held held) {
        try {
            return service(held.home()).state(held.run()).finished();
        } catch (Exception e) {
            return false; // records that cannot be read hold no report to wait for
        }
    }

    private Path checkout(ProjectHome home, RunBinding run) {
        return checkout(home, run.commit(), run.runId());
    }

    private Path checkout(ProjectHome home, String commit, String name) {
        Path folder = data.resolve("projects")
                .resolve(home.name())
                .resolve("checkouts")
                .resolve(name);
        synchronized (home) {
            return home.repository().checkout(commit, folder);
        }
    }

    /**
     * The gate of {@code commit} in {@code environment}, as {@code gantry gate} evaluates it in a working tree: in a
     * checkout of the commit with the evidence uploaded for it laid in, the overrides asked for checked and recorded,
     * the result recorded as the environment's last gate, by {@code person}.
     */
    GateResult gate(
            ProjectHome home, String commit, String environment, List<String> overrides, String reason, String person)
            throws Exception {
        Plan plan = home.planAt(commit);
        if (!plan.environments().isEmpty() && plan.environment(environment).isEmpty())
            throw ApiException.unknownEnvironment(plan, environment);
        Candidate candidate = candidate(home, plan, commit);
        Path checkout = checkout(home, commit, "gate-" + java.util.UUID.randomUUID());
        try {
            Uploads uploads;
            try {
                uploads = new EvidenceService(home.store()).layOut(commit, checkout);
            } catch (java.io.IOException e) {
                throw new ApiException(409, e.getMessage());
            }
            CheckContext context = new CheckContext(
                    checkout,
                    home.repository(),
                    plan,
                    environment,
                    candidate.version(),
                    candidate.tag(),
                    candidate.previousTag(),
                    candidate.commit(),
                    candidate.type(),
                    candidate.breaking(),
                    time.clock(),
                    new ReleaseLog(home.store()),
                    System.getenv(),
                    // The server's gate holds the plan to the project's policy, as its runs do.
                    policies.of(home.name()),
                    uploads);
            try {
                return service(home).gate(context, candidate, home.repository(), overrides, person, reason);
            } catch (Refused e) {
                throw new ApiException(422, e.getMessage());
            }
        } finally {
            removeCheckout(home, checkout);
        }
    }

    /**
     * The report of a run, rendered as {@code gantry report} writes it: from the run's events, once its record is
     * found to hold, with the gate and approvals recorded for its commit.
     */
    RunReports.Rendered report(ProjectHome home, RunBinding run) throws Exception {
        List<dev.gantry.rollout.RunLog.Logged> events = service(home).events(run);
        if (events.isEmpty()) throw ApiException.notFound("run " + run.runId() + " has no events yet");
        try {
            new dev.gantry.rollout.RunLog(home.store()).verify(run.version(), run.environment(), run.runId());
        } catch (dev.gantry.store.StoreException e) {
            throw new ApiException(409, e.getMessage());
        }
        Plan plan = home.planAt(run.commit());
        Environment env = plan.environment(run.environment())
                .orElseThrow(() -> ApiException.unknownEnvironment(plan, run.environment()));
        Version version = Version.parse(run.version());
        dev.gantry.rollout.RunEvent.Started started =
                (dev.gantry.rollout.RunEvent.Started) events.get(0).event();
        // A person's rollback changes nothing of the code: its report lists no changes, as the command line's does.
        dev.gantry.changelog.ReleaseChanges changes = started.rollback() != null
                ? noChanges(run)
                : home.candidate(plan, run.commit(), Optional.empty(), today(), Optional.of(version))
                        .map(Candidate::changes)
                        .orElseGet(() -> noChanges(run));
        return new RunReports(home.store(), plan, ZoneOffset.UTC).render(version, run.commit(), changes, env, events);
    }

    private dev.gantry.changelog.ReleaseChanges noChanges(RunBinding run) {
        return new dev.gantry.changelog.ReleaseChanges(
                run.version(), today(), Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * Starts a person's rollback of the version released in {@code environment} to the one before it, or to {@code
     * to}, as {@code gantry rollback} does: refused while a run there has not ended, run on a thread of its own with
     * its own report. The rollback is bound to the commit of the version it takes back, as that release's own
     * rollback would be: its plan decides who may roll back and its scripts run, in a checkout of that commit,
     * whatever the clone has fetched since.
     */
    Rollback rollback(ProjectHome home, String environment, Optional<String> to, String person, String reason)
            throws Exception {
        // Fetched first, so that a commit released from elsewhere since the clone's last update is at hand.
        home.fetchAndResolve("HEAD");
        ReleaseService service = service(home);
        ReleaseService.RollbackPlan rollback;
        Plan plan;
        Environment env;
        String id;
        synchronized (home) {
            if (service.unfinished(environment).isPresent()) {
                throw new ApiException(
                        409,
                        "a run in " + environment + " has not ended: stop it with gantry abort " + environment
                                + " first");
            }
            try {
                rollback = service.rollbackPlan(environment, to);
            } catch (Refused e) {
                Plan now = home.plan();
                if (now.environment(environment).isEmpty()) throw ApiException.unknownEnvironment(now, environment);
                throw new ApiException(409, e.getMessage());
            }
            plan = home.planAt(rollback.live().commit());
            env = target(plan, environment);
            try {
                ReleaseService.mayStop(plan, person, reason);
            } catch (Refused e) {
                throw new ApiException(422, e.getMessage());
            }
            try {
                id = service.newRunId(environment, Version.parse(rollback.live().version()));
                service.take(environment, id);
            } catch (Refused e) {
                throw new ApiException(409, e.getMessage());
            }
        }
        Path checkout = checkout(home, rollback.live().commit(), id);
        log.say("project " + home.name() + ": rollback " + id + " runs the plan and scripts of commit "
                + rollback.live().commit().substring(0, 7) + ", which released "
                + rollback.live().version());
        running.put(
                id,
                new Held(
                        home,
                        new RunBinding(
                                id,
                                environment,
                                rollback.live().version(),
                                rollback.live().commit())));
        ReleaseService.RollbackPlan planned = rollback;
        Plan bound = plan;
        Environment boundEnv = env;
        threads.submit(() -> rollBack(home, bound, boundEnv, planned, id, checkout, to, person, reason));
        return new Rollback(id, rollback);
    }

    /** A rollback started: its run and what it takes back to what. */
    record Rollback(String runId, ReleaseService.RollbackPlan plan) {}

    private void rollBack(
            ProjectHome home,
            Plan plan,
            Environment env,
            ReleaseService.RollbackPlan rollback,
            String runId,
            Path checkout,
            Optional<String> to,
            String person,
            String reason) {
        ReleaseService service = service(home);
        try {
            dev.gantry.rollout.RunState state = service.rollback(
                    new ReleaseService.RollbackOrder(
                            plan,
                            env,
                            to,
                            person,
                            reason,
                            checkout,
                            home.repository(),
                            System.getenv(),
                            new RunEngine.Observer() {
                                @Override
                                public void afterEach(dev.gantry.rollout.RunLog.Logged event) {
                                    if (event.event() instanceof RunEvent.FlagTurnedOff off)
                                        flagAudits.turnedOff(home, plan, runId, env.name(), off);
                                    feeds.stored(home.name(), runId);
                                }
                            },
                            // Where a server started again finds the script this one was killed in the middle of.
                            Optional.of(processes(home))),
                    rollback,
                    runId);
            if (state.end().isPresent()) {
                log.say("project " + home.name() + ": rollback " + runId + " ended "
                        + state.end().get().verdict().label());
                RunBinding run = new RunBinding(
                        runId,
                        env.name(),
                        rollback.live().version(),
                        rollback.live().commit());
                rollbackReport(home, plan, env, run, service);
                removeCheckout(home, checkout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("project " + home.name() + ": rollback " + runId + " stopped", e);
        } finally {
            synchronized (running) {
                running.remove(runId);
                running.notifyAll();
            }
        }
    }

    /** Writes the report of a person's rollback beside the release's, never over it: one per rollback run. */
    private void rollbackReport(ProjectHome home, Plan plan, Environment env, RunBinding run, ReleaseService service) {
        try {
            new RunReports(home.store(), plan, ZoneOffset.UTC)
                    .write(
                            reports(data, home.name(), run.version()),
                            "rollback-" + run.runId(),
                            Version.parse(run.version()),
                            run.commit(),
                            noChanges(run),
                            env,
                            service.events(run));
        } catch (Exception e) {
            log.error("project " + home.name() + ": cannot write the report of rollback " + run.runId(), e);
        }
    }

    /** Where the programs of a project's runs' actions are written down while they run. */
    private Path processes(ProjectHome home) {
        return data.resolve("projects").resolve(home.name()).resolve("processes");
    }

    /** A folder of the project's for uploads on their way into the store. */
    Path scratch(ProjectHome home) throws java.io.IOException {
        return java.nio.file.Files.createDirectories(
                data.resolve("projects").resolve(home.name()).resolve("uploads"));
    }

    private void removeCheckout(ProjectHome home, Path checkout) {
        synchronized (home) {
            home.repository().removeCheckout(checkout);
        }
    }

    private Candidate candidate(ProjectHome home, Plan plan, String commit) throws Refused {
        return home.candidate(plan, commit, Optional.empty(), today(), Optional.empty())
                .orElseThrow(() -> ApiException.nothingToRelease(commit));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(time.now(), ZoneOffset.UTC);
    }

    private static Environment target(Plan plan, String name) {
        Environment env = plan.environment(name).orElseThrow(() -> ApiException.unknownEnvironment(plan, name));
        if (env.target() == null) {
            throw new ApiException(
                    409,
                    "environment " + name + " has no target: add target: { type: command, deploy: [...],"
                            + " rollback: [...] } to it");
        }
        return env;
    }

    /**
     * Leaves the runs as a crash would: their threads are not interrupted (the engine would take that for a failed
     * step and roll back), their leases stay. Once the records are closed a run's thread can write nothing more,
     * and the process ends with the server. The next server takes each run up from its events: at once on this
     * machine (the lease's holder is a process that no longer runs), elsewhere when the lease runs out.
     */
    @Override
    public void close() {
        threads.shutdown();
        // A run whose events say it ended has its report and checkout left to write, in a moment: waited for.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        synchronized (running) {
            try {
                while (running.values().stream().anyMatch(this::ended) && System.nanoTime() < until) {
                    running.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!running.isEmpty()) {
            log.say("stopping with " + running.size() + " run(s) under way; the next server takes them up: "
                    + String.join(", ", running.keySet()));
        }
    }
}
