package dev.gantry.coordinate;

import dev.gantry.git.GitException;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes the release tags runs made in a clone to the repository it was cloned from: a team server's runs tag its
 * own clone, and a tag nobody pushes is a tag nobody else sees. Each push, and each failure with what git said, is
 * an event of the run that made the tag; a failure leaves the release as it ended and is tried again by {@link
 * #retry}.
 */
public final class TagPushes {

    private final RunLog runs;
    private final Time time;
    private final String actor;

    /**
     * One object per project and process: its pushes and retries take turns, so that a retry and the push of a
     * run just ended never both push one tag or both record it.
     *
     * @param actor who pushes, as the events name it
     */
    public TagPushes(Store store, Time time, String actor) {
        this.runs = new RunLog(store);
        this.time = time;
        this.actor = actor;
    }

    /**
     * Pushes the tag {@code run} made, once: when it ended Released in an environment of the plan's {@code
     * rollout.tagIn} and {@code git} has the version's tag on the run's commit. Nothing when the run made no tag or
     * a push of it was tried already.
     *
     * @param plan the plan of the run's commit
     * @return the push or its failure, as recorded
     */
    public synchronized Optional<RunEvent> push(RunBinding run, Plan plan, GitRepository git) throws StoreException {
        List<RunLog.Logged> events = runs.runs(run.version(), run.environment()).getOrDefault(run.runId(), List.of());
        if (events.isEmpty()) return Optional.empty();
        RunState state = RunState.of(RunLog.events(events));
        boolean released = state.end()
                .map(end -> end.verdict() == Verdict.RELEASED || end.verdict() == Verdict.RELEASED_WITH_OVERRIDE)
                .orElse(false);
        if (!released || state.start().rollback() != null) return Optional.empty();
        if (!plan.rollout().tagIn().contains(run.environment())) return Optional.empty();
        // Tried once here; a failure is tried again by retry, never twice in one go.
        if (events.stream()
                .anyMatch(e -> e.event() instanceof RunEvent.TagPushed || e.event() instanceof RunEvent.TagPushFailed))
            return Optional.empty();
        String tag = state.start().tag();
        String commit = state.start().commit();
        if (tag == null || commit == null || !git.tagCommit(tag).equals(Optional.of(commit))) return Optional.empty();
        return Optional.of(attempt(run, tag, commit, git));
    }

    /**
     * Pushes again every tag of the environments whose last push failed and can still succeed; the outcomes, as
     * recorded. A tag this clone does not hold was made by another clone (another replica's), whose server tries it.
     * A tag the clone now holds on another commit was fetched from the origin over the release's own: pushing it
     * would report a push of the release's tag that did not happen, so the failure is settled instead.
     */
    public synchronized List<RunEvent> retry(List<String> environments, GitRepository git) throws StoreException {
        List<RunEvent> outcomes = new ArrayList<>();
        for (String environment : environments) {
            for (RunLog.LastTagPush last : runs.lastTagPushes(environment)) {
                if (!(last.push() instanceof RunEvent.TagPushFailed failed) || failed.settled()) continue;
                RunBinding run = new RunBinding(last.runId(), environment, last.version(), failed.commit());
                Optional<String> held = git.tagCommit(failed.tag());
                if (held.isEmpty()) continue;
                if (!held.get().equals(failed.commit())) {
                    RunEvent settled = new RunEvent.TagPushFailed(
                            failed.tag(),
                            failed.commit(),
                            failed.remote(),
                            "the origin holds " + failed.tag() + " on commit " + held.get()
                                    + ", not on the release's commit " + failed.commit(),
                            true);
                    runs.append(run.runId(), run.version(), run.environment(), actor, time.now(), settled);
                    outcomes.add(settled);
                    continue;
                }
                outcomes.add(attempt(run, failed.tag(), failed.commit(), git));
            }
        }
        return outcomes;
    }

    /** The tags of the environments whose last push failed: what the origin lacks. */
    public List<RunEvent.TagPushFailed> unpushed(List<String> environments) throws StoreException {
        List<RunEvent.TagPushFailed> failed = new ArrayList<>();
        for (String environment : environments) {
            for (RunLog.LastTagPush last : runs.lastTagPushes(environment)) {
                if (last.push() instanceof RunEvent.TagPushFailed f) failed.add(f);
            }
        }
        return failed;
    }

    private RunEvent attempt(RunBinding run, String tag, String commit, GitRepository git) throws StoreException {
        String remote = git.originUrl().map(GitRepository::withoutCredentials).orElse("origin");
        RunEvent outcome;
        try {
            git.pushTag(tag);
            outcome = new RunEvent.TagPushed(tag, commit, remote);
        } catch (GitException e) {
            outcome = new RunEvent.TagPushFailed(
                    tag,
                    commit,
                    remote,
                    GitRepository.withoutCredentials(e.getMessage().strip().replaceAll("\\s*\\n\\s*", " / ")));
        }
        runs.append(run.runId(), run.version(), run.environment(), actor, time.now(), outcome);
        return outcome;
    }
}
