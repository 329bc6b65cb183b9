package dev.gantry.server;

import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.PlanAnnouncer;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.coordinate.RunReports;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
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
    /** The runs this server runs now, by id: a sweep must not start a second coordinator for one of them. */
    private final java.util.Map<String, Held> running = new java.util.concurrent.ConcurrentHashMap<>();

    /** A run under way here: whose environment's lease this server keeps renewing. */
    private record Held(ProjectHome home, RunBinding run) {}

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "gantry-run");
        thread.setDaemon(true);
        return thread;
    });

    ServerRuns(Path data, Time time, Coordinator me, Duration lease, Policies policies, RunFeeds feeds, ServerLog log) {
        this.data = data;
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

    /** Takes up, on threads of their own, the runs of the project that no live coordinator holds. */
    void takeUp(ProjectHome home) {
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
        try {
            RunEngine.Conduct conduct = new RunEngine.Conduct(
                    time.pace(Duration.ofSeconds(2)),
                    false,
                    new PlanAnnouncer(plan, System.getenv(), time),
                    Optional.of(data.resolve("projects").resolve(home.name()).resolve("processes")),
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
                            // Its followers here get the event now rather than at the next look.
                            feeds.stored(home.name(), run.runId());
                        }
                    },
                    policies.of(home.name())));
            if (state.end().isPresent()) {
                log.say("project " + home.name() + ": run " + run.runId() + " ended "
                        + state.end().get().verdict().label());
                report(home, plan, env, candidate, run, service);
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

    /** Where the reports of a project's release are written. */
    static Path reports(Path data, String project, String version) {
        return data.resolve("projects").resolve(project).resolve("reports").resolve("v" + version);
    }

    /** A run's report's file name, without its extension. */
    static String reportName(String environment, String runId) {
        return "report-" + environment + "-" + runId;
    }

    private void report(
            ProjectHome home, Plan plan, Environment env, Candidate candidate, RunBinding run, ReleaseService service) {
        try {
            Path folder = reports(data, home.name(), candidate.version().toString());
            new RunReports(home.store(), plan, ZoneOffset.UTC)
                    .write(
                            folder,
                            reportName(env.name(), run.runId()),
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
        Path folder = data.resolve("projects")
                .resolve(home.name())
                .resolve("checkouts")
                .resolve(run.runId());
        synchronized (home) {
            return home.repository().checkout(run.commit(), folder);
        }
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
