package dev.gantry.rollout;

import dev.gantry.plan.ReleaseDefaults;
import dev.gantry.plan.Rollout;
import dev.gantry.plan.Strategy;
import dev.gantry.plan.Weight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The moves of each strategy, from the plan's rollout settings and the release type's defaults. */
final class Moves {

    private Moves() {}

    static List<Move> of(Strategy strategy, Rollout rollout, ReleaseDefaults defaults) {
        List<Move> moves = new ArrayList<>();
        switch (strategy) {
            case ALL_AT_ONCE -> {
                moves.add(new Move(
                        Action.DEPLOY,
                        100,
                        0,
                        "",
                        true,
                        firstWatch(defaults, rollout.canary().watch()),
                        false));
            }
            case ROLLING -> {
                int batches = rollout.rolling().batches();
                for (int batch = 1; batch <= batches; batch++) {
                    int weight = Math.round(batch * 100f / batches);
                    moves.add(new Move(
                            Action.DEPLOY,
                            weight,
                            batch,
                            "",
                            batch == 1,
                            rollout.rolling().watch(),
                            false));
                }
                moves.add(new Move(Action.PROMOTE, 100, 0, "", false, Duration.ZERO, false));
            }
            case BLUE_GREEN -> {
                // The idle colour takes the release and is smoke tested before any user reaches it.
                moves.add(new Move(Action.DEPLOY, 0, 0, "green", true, Duration.ZERO, false));
                moves.add(new Move(
                        Action.SET_WEIGHT,
                        100,
                        1,
                        "green",
                        false,
                        rollout.blueGreen().watch(),
                        false));
                moves.add(new Move(Action.PROMOTE, 100, 0, "green", false, Duration.ZERO, false));
            }
            case CANARY -> {
                moves.add(new Move(Action.DEPLOY, 0, 0, "", true, Duration.ZERO, false));
                List<Integer> weights = rollout.canary().steps().isEmpty()
                        ? defaults.phases().stream()
                                .map(ReleaseDefaults.Phase::percent)
                                .toList()
                        : rollout.canary().steps().stream().map(Weight::percent).toList();
                for (int i = 0; i < weights.size(); i++) {
                    int weight = weights.get(i);
                    boolean pause = rollout.canary().pauseAt().stream().anyMatch(w -> w.percent() == weight);
                    moves.add(new Move(
                            Action.SET_WEIGHT,
                            weight,
                            i + 1,
                            "",
                            false,
                            rollout.canary().watch(),
                            pause));
                }
                moves.add(new Move(Action.PROMOTE, 100, 0, "", false, Duration.ZERO, false));
            }
        }
        return moves;
    }

    private static Duration firstWatch(ReleaseDefaults defaults, Duration fallback) {
        return defaults.phases().isEmpty() ? fallback : defaults.phases().get(0).watch();
    }
}
