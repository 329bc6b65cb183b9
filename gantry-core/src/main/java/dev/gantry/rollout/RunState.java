package dev.gantry.rollout;

import dev.gantry.rollout.RunEvent.ActionFinished;
import dev.gantry.rollout.RunEvent.ActionStarted;
import dev.gantry.rollout.RunEvent.Decided;
import dev.gantry.rollout.RunEvent.Ended;
import dev.gantry.rollout.RunEvent.Paused;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.Started;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run as its events say it is now: the phase, the actions done and those started but not finished (to be
 * repeated with the same key), the weight live, whether it waits for a person, and how it ended.
 *
 * @param pendingActions actions started and not finished, by step id: a crash happened between the two events
 * @param weight the share of traffic the new version has, after the last finished set-weight, promote or rollback
 * @param touched whether any action that changes the environment was started, even one that failed: a rollback
 *     has something to undo
 */
public record RunState(
        Started start,
        Phase phase,
        Set<String> doneActions,
        Map<String, ActionStarted> pendingActions,
        int weight,
        boolean touched,
        boolean liveChanged,
        Optional<Paused> waiting,
        Optional<Ended> end) {

    /** Folds the events of one run, oldest first. */
    public static RunState of(List<RunEvent> events) {
        if (events.isEmpty() || !(events.get(0) instanceof Started start)) {
            throw new IllegalArgumentException("a run's events begin with Started");
        }
        Phase phase = Phase.GATE;
        Set<String> done = new LinkedHashSet<>();
        Map<String, ActionStarted> pending = new LinkedHashMap<>();
        int weight = 0;
        boolean touched = false;
        boolean liveChanged = false;
        Optional<Paused> waiting = Optional.empty();
        Optional<Ended> end = Optional.empty();
        for (RunEvent event : events.subList(1, events.size())) {
            if (event instanceof PhaseEntered p) {
                phase = p.phase();
            } else if (event instanceof ActionStarted a) {
                pending.put(a.stepId(), a);
                if (!a.action().equals("status")) touched = true;
                // Users see the new version once it has traffic, even if the action never reported back; a
                // canary instance or an idle colour without traffic is not live yet.
                if (reachesUsers(a)) liveChanged = true;
            } else if (event instanceof ActionFinished f) {
                ActionStarted started = pending.remove(f.stepId());
                if (f.ok()) {
                    done.add(f.stepId());
                    if (started != null) weight = weightAfter(started, weight);
                }
            } else if (event instanceof Paused p) {
                waiting = Optional.of(p);
            } else if (event instanceof Decided) {
                waiting = Optional.empty();
            } else if (event instanceof Ended e) {
                end = Optional.of(e);
            }
        }
        return new RunState(
                start, phase, Set.copyOf(done), Map.copyOf(pending), weight, touched, liveChanged, waiting, end);
    }

    private static boolean reachesUsers(ActionStarted action) {
        return switch (action.action()) {
            case "deploy", "set-weight" -> action.weight() > 0;
            case "promote" -> true;
            default -> false;
        };
    }

    private static int weightAfter(ActionStarted action, int before) {
        return switch (action.action()) {
            case "set-weight", "deploy" -> action.weight();
            case "promote" -> 100;
            case "rollback" -> 0;
            default -> before;
        };
    }

    public boolean finished() {
        return end.isPresent();
    }
}
