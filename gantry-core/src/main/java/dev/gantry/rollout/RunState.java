package dev.gantry.rollout;

import dev.gantry.rollout.RunEvent.ActionFinished;
import dev.gantry.rollout.RunEvent.ActionStarted;
import dev.gantry.rollout.RunEvent.Decided;
import dev.gantry.rollout.RunEvent.Detached;
import dev.gantry.rollout.RunEvent.Ended;
import dev.gantry.rollout.RunEvent.Paused;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.RollbackDecided;
import dev.gantry.rollout.RunEvent.Started;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run as its events say it is now: the phase, the actions done, failed, and started but not finished (to be
 * repeated with the same key), the weight live, whether it waits for a person, whether it is rolling back, and how
 * it ended.
 *
 * @param failedActions actions that finished and failed, by step id: never repeated, forward or back
 * @param pendingActions actions started and not finished, by step id: a crash happened between the two events
 * @param weight the share of traffic the new version has, after the last finished set-weight, promote or rollback
 * @param touched whether any action that changes the environment was started, even one that failed: a rollback
 *     has something to undo
 * @param rollback the decision to roll back, once taken: the run only goes back from then on
 * @param detached whether the coordinator left the run waiting, so nobody watches it
 */
public record RunState(
        Started start,
        Phase phase,
        Set<String> doneActions,
        Set<String> failedActions,
        Map<String, ActionStarted> pendingActions,
        int weight,
        boolean touched,
        boolean liveChanged,
        Optional<Paused> waiting,
        Optional<RollbackDecided> rollback,
        boolean detached,
        Optional<Ended> end) {

    /** Folds the events of one run, oldest first. */
    public static RunState of(List<RunEvent> events) {
        if (events.isEmpty() || !(events.get(0) instanceof Started start)) {
            throw new IllegalArgumentException("a run's events begin with Started");
        }
        Phase phase = Phase.GATE;
        Set<String> done = new LinkedHashSet<>();
        Set<String> failed = new LinkedHashSet<>();
        Map<String, ActionStarted> pending = new LinkedHashMap<>();
        int weight = 0;
        boolean touched = false;
        boolean liveChanged = false;
        boolean detached = false;
        Optional<Paused> waiting = Optional.empty();
        Optional<RollbackDecided> rollback = Optional.empty();
        Optional<Ended> end = Optional.empty();
        for (RunEvent event : events.subList(1, events.size())) {
            if (event instanceof PhaseEntered p) {
                phase = p.phase();
            } else if (event instanceof ActionStarted a) {
                pending.put(a.stepId(), a);
                if (a.action().changes()) touched = true;
                // Users see the new version once it has traffic, even if the action never reported back; a
                // canary instance or an idle colour without traffic is not live yet.
                if (reachesUsers(a)) liveChanged = true;
            } else if (event instanceof ActionFinished f) {
                ActionStarted started = pending.remove(f.stepId());
                if (f.ok()) {
                    done.add(f.stepId());
                    if (started != null) weight = weightAfter(started, weight);
                } else {
                    failed.add(f.stepId());
                }
            } else if (event instanceof Paused p) {
                waiting = Optional.of(p);
                detached = false;
            } else if (event instanceof Decided) {
                waiting = Optional.empty();
                detached = false;
            } else if (event instanceof Detached) {
                detached = true;
            } else if (event instanceof RunEvent.TakenUp) {
                detached = false; // a coordinator watches it again
            } else if (event instanceof RollbackDecided r) {
                if (rollback.isEmpty()) rollback = Optional.of(r);
                waiting = Optional.empty();
            } else if (event instanceof Ended e) {
                end = Optional.of(e);
            }
        }
        return new RunState(
                start,
                phase,
                Set.copyOf(done),
                Set.copyOf(failed),
                Map.copyOf(pending),
                weight,
                touched,
                liveChanged,
                waiting,
                rollback,
                detached,
                end);
    }

    private static boolean reachesUsers(ActionStarted action) {
        return switch (action.action()) {
            case DEPLOY, SET_WEIGHT -> action.weight() > 0;
            case PROMOTE -> true;
            case ROLLBACK, STATUS -> false;
        };
    }

    private static int weightAfter(ActionStarted action, int before) {
        return switch (action.action()) {
            case SET_WEIGHT, DEPLOY -> action.weight();
            case PROMOTE -> 100;
            case ROLLBACK -> 0;
            case STATUS -> before;
        };
    }

    public boolean finished() {
        return end.isPresent();
    }

    /** Whether the run decided to roll back and has not ended yet. */
    public boolean rollingBack() {
        return rollback.isPresent() && end.isEmpty();
    }
}
