package dev.gantry.rollout;

import dev.gantry.plan.ReleaseDefaults;
import dev.gantry.plan.Rollout;
import dev.gantry.plan.Strategy;
import dev.gantry.version.ReleaseType;
import java.time.Duration;
import java.util.List;

/**
 * The rollout a run of a release type performs under a plan, decided as the run decides it: the strategy it
 * chooses and the steps it watches.
 *
 * @param chosen the strategy choice, as the run records it
 * @param stages the steps that are watched, in order
 * @param cadence how often the metrics are sampled during a watch
 * @param keepOld how long a blue-green release keeps the old colour warm; zero for other strategies
 */
public record PlannedRollout(RunEvent.StrategyChosen chosen, List<Stage> stages, Duration cadence, Duration keepOld) {

    /**
     * One watched step.
     *
     * @param percent the new version's share of traffic or instances during the watch
     * @param pause whether the run waits for a person after the watch
     */
    public record Stage(int percent, Duration watch, boolean pause) {}

    public PlannedRollout {
        stages = List.copyOf(stages);
    }

    /** The rollout of a release of {@code type}; {@code asked} is the strategy asked for on the command line, or null. */
    public static PlannedRollout of(ReleaseType type, Rollout rollout, Strategy asked) {
        RunEvent.StrategyChosen chosen = choose(type, rollout, asked);
        List<Stage> stages = Moves.of(chosen.chosen(), rollout, ReleaseDefaults.of(type)).stream()
                .filter(m -> m.weight() > 0 && !m.watch().isZero())
                .map(m -> new Stage(m.weight(), m.watch(), m.pause()))
                .toList();
        Duration keepOld =
                chosen.chosen() == Strategy.BLUE_GREEN ? rollout.blueGreen().keepOld() : Duration.ZERO;
        return new PlannedRollout(chosen, stages, rollout.canary().cadence(), keepOld);
    }

    /** The strategy asked for, else the plan's {@code rollout.strategy}, else the release type's recommendation. */
    static RunEvent.StrategyChosen choose(ReleaseType type, Rollout rollout, Strategy asked) {
        Strategy recommended = ReleaseDefaults.of(type).strategy();
        Strategy wanted = asked != null ? asked : rollout.strategy() != null ? rollout.strategy() : recommended;
        String reason = wanted == recommended
                ? ""
                : asked != null ? "asked for with --strategy" : "the plan's rollout.strategy";
        return new RunEvent.StrategyChosen(recommended, wanted, reason);
    }
}
