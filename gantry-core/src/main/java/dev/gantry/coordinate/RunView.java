package dev.gantry.coordinate;

import dev.gantry.plan.Plan;
import dev.gantry.plan.ReleaseDefaults;
import dev.gantry.plan.Rollout;
import dev.gantry.plan.Strategy;
import dev.gantry.plan.Weight;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a run stands, as a person watching it wants to see it: phase, step, weight, each rollback trigger's last
 * sample against its threshold, and the time left in the watch window. Computed from the run's events and the plan
 * alone; what the events do not say (how many steps, how long a watch lasts) comes from the plan's rollout settings,
 * as the engine takes it from them.
 *
 * @param previousVersion the version it replaces; null for a first release
 * @param strategy empty before phase 2
 * @param step the canary step or rolling batch under way, from 1; 0 before the first or for other strategies
 * @param steps how many steps or batches the strategy has; 0 for strategies without steps
 * @param movingTo the weight an action under way moves to
 * @param watch present while a watch window runs (not while the run waits for a person)
 * @param tagPush the last push of the release tag the run made, when one was tried
 */
public record RunView(
        String runId,
        String version,
        String environment,
        String previousVersion,
        Phase phase,
        Optional<Strategy> strategy,
        int step,
        int steps,
        int weight,
        OptionalInt movingTo,
        List<TriggerView> triggers,
        Optional<Watch> watch,
        Optional<RunEvent.Paused> waiting,
        Optional<RunEvent.Ended> end,
        Optional<TagPush> tagPush) {

    public RunView {
        triggers = List.copyOf(triggers);
    }

    /**
     * One rollback trigger of the environment and its last sample.
     *
     * @param threshold as the plan writes it, such as {@code > 2%}; empty for a trigger no longer in the plan
     * @param value the last sample in the threshold's unit ({@code 2.1%}, {@code 340ms}, {@code 1.4x baseline}),
     *     "no data", or empty before the first sample
     * @param state ok, breaching for 1m of 5m (since 10:03:00), fired, no data 1 of 3, ...
     */
    public record TriggerView(String id, String metric, String threshold, String value, String state) {}

    /**
     * The last push of the run's release tag to the origin.
     *
     * @param problem what went wrong when it was not pushed; empty when it was
     * @param triedAgain whether the server pushes it again later (a failure trying cannot mend is not)
     */
    public record TagPush(String tag, String remote, boolean pushed, String problem, boolean triedAgain) {

        static Optional<TagPush> last(List<RunLog.Logged> events) {
            Optional<TagPush> last = Optional.empty();
            for (RunLog.Logged logged : events) {
                if (logged.event() instanceof RunEvent.TagPushed p)
                    last = Optional.of(new TagPush(p.tag(), p.remote(), true, "", false));
                if (logged.event() instanceof RunEvent.TagPushFailed f)
                    last = Optional.of(new TagPush(f.tag(), f.remote(), false, f.reason(), !f.settled()));
            }
            return last;
        }
    }

    /** The watch window under way: when it began, how long it lasts, how much of it is left. */
    public record Watch(Instant start, Duration length, Duration left) {
        public Instant end() {
            return start.plus(length);
        }
    }

    /**
     * The view of a run at {@code now}.
     *
     * @param events the run's events, oldest first, beginning with Started
     * @param type the release's type, for the steps and watch the release type gives when the plan says nothing
     */
    public static RunView of(List<RunLog.Logged> events, Plan plan, ReleaseType type, Instant now) {
        RunState state = RunState.of(RunLog.events(events));
        RunEvent.Started start = state.start();
        Optional<Strategy> strategy =
                last(events, RunEvent.StrategyChosen.class).map(RunEvent.StrategyChosen::chosen);
        Rollout rollout = plan.rollout();
        int step = 0;
        int steps = 0;
        if (strategy.isPresent()) {
            steps = steps(strategy.get(), rollout, type);
            dev.gantry.rollout.Action stepAction = strategy.get() == Strategy.ROLLING
                    ? dev.gantry.rollout.Action.DEPLOY
                    : dev.gantry.rollout.Action.SET_WEIGHT;
            if (steps > 0) step = lastStep(events, stepAction);
        }
        Optional<Watch> watch = Optional.empty();
        if (state.phase() == Phase.WATCH && !state.finished() && state.waiting().isEmpty() && strategy.isPresent()) {
            watch = watchStart(events).map(at -> {
                Duration length = watchLength(strategy.get(), rollout, type);
                Duration left = Duration.between(now, at.plus(length));
                return new Watch(at, length, left.isNegative() ? Duration.ZERO : left);
            });
        }
        // The smoke test after a rollback enters phase 4 again, as a step of phase 6.
        boolean finishing = events.stream()
                .anyMatch(e -> e.event() instanceof RunEvent.PhaseEntered p && p.phase() == Phase.FINISH);
        return new RunView(
                start.runId(),
                start.version(),
                start.environment(),
                start.previousVersion(),
                finishing ? Phase.FINISH : state.phase(),
                strategy,
                step,
                steps,
                state.weight(),
                movingTo(state),
                TriggerViews.of(events, plan, start.environment()),
                watch,
                state.waiting(),
                state.end(),
                TagPush.last(events));
    }

    /**
     * The release type a run's events imply, for a command that has only the events: the recommended strategy tells
     * a hotfix and a patch from a minor or major release, and the versions tell those two apart, as they do for a
     * version given by hand.
     */
    public static ReleaseType typeOf(List<RunLog.Logged> events) {
        Optional<Strategy> recommended =
                last(events, RunEvent.StrategyChosen.class).map(RunEvent.StrategyChosen::recommended);
        if (recommended.filter(s -> s == Strategy.ALL_AT_ONCE).isPresent()) return ReleaseType.HOTFIX;
        if (recommended.filter(s -> s == Strategy.ROLLING).isPresent()) return ReleaseType.PATCH;
        RunEvent.Started start = (RunEvent.Started) events.get(0).event();
        Optional<Version> previous =
                Optional.ofNullable(start.previousVersion()).flatMap(Version::tryParse);
        Optional<Version> version = Version.tryParse(start.version());
        boolean major = previous.isEmpty()
                || version.isEmpty()
                || previous.get().major() != version.get().major();
        return major ? ReleaseType.MAJOR : ReleaseType.MINOR;
    }

    private static int steps(Strategy strategy, Rollout rollout, ReleaseType type) {
        return switch (strategy) {
            case CANARY ->
                rollout.canary().steps().isEmpty()
                        ? ReleaseDefaults.of(type).phases().size()
                        : rollout.canary().steps().size();
            case ROLLING -> rollout.rolling().batches();
            case ALL_AT_ONCE, BLUE_GREEN -> 0;
        };
    }

    /** How long each step is watched, as the engine's moves take it from the rollout settings. */
    private static Duration watchLength(Strategy strategy, Rollout rollout, ReleaseType type) {
        return switch (strategy) {
            case CANARY -> rollout.canary().watch();
            case ROLLING -> rollout.rolling().watch();
            case BLUE_GREEN -> rollout.blueGreen().watch();
            case ALL_AT_ONCE -> ReleaseDefaults.of(type).phases().get(0).watch();
        };
    }

    /** The last step the strategy's own action started: a rollback's actions have no step. */
    private static int lastStep(List<RunLog.Logged> events, dev.gantry.rollout.Action action) {
        int step = 0;
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.ActionStarted a && a.action() == action && a.step() > 0)
                step = a.step();
        }
        return step;
    }

    /** Each step's watch begins as it enters phase 5; a resumed watch goes on from the same start. */
    private static Optional<Instant> watchStart(List<RunLog.Logged> events) {
        Instant start = null;
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.PhaseEntered p && p.phase() == Phase.WATCH) start = logged.at();
        }
        return Optional.ofNullable(start);
    }

    private static OptionalInt movingTo(RunState state) {
        for (RunEvent.ActionStarted a : state.pendingActions().values()) {
            if (a.action() == dev.gantry.rollout.Action.DEPLOY || a.action() == dev.gantry.rollout.Action.SET_WEIGHT)
                return OptionalInt.of(a.weight());
            if (a.action() == dev.gantry.rollout.Action.PROMOTE) return OptionalInt.of(Weight.ALL.percent());
            if (a.action() == dev.gantry.rollout.Action.ROLLBACK) return OptionalInt.of(0);
        }
        return OptionalInt.empty();
    }

    private static <T extends RunEvent> Optional<T> last(List<RunLog.Logged> events, Class<T> type) {
        T found = null;
        for (RunLog.Logged logged : events) {
            if (type.isInstance(logged.event())) found = type.cast(logged.event());
        }
        return Optional.ofNullable(found);
    }
}
