package dev.gantry.cli;

import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A run's events written by hand, each at a number of seconds after the run began. */
final class RunStory {

    static final Instant BEGIN = Instant.parse("2026-11-23T10:00:00Z");
    static final String RUN = "staging-1.4.0-20261123T100000Z";

    private final List<RunLog.Logged> events = new ArrayList<>();

    /** A run of 1.4.0 into staging that passed its gate and chose {@code strategy}, recommended canary. */
    static RunStory started(Strategy strategy) {
        return new RunStory()
                .at(0, new RunEvent.Started(RUN, "staging", "1.4.0", "1.3.0", "abc1234", "Mark Liu"))
                .at(0, new RunEvent.PhaseEntered(Phase.GATE))
                .at(1, new RunEvent.GateDecided(dev.gantry.gate.Decision.GO, "1 criteria: 1 met, 0 unmet, 0 error"))
                .at(1, new RunEvent.PhaseEntered(Phase.STRATEGY))
                .at(1, new RunEvent.StrategyChosen(Strategy.CANARY, strategy, ""));
    }

    /** Five triggers (one for production only) and a canary of three steps watched 10m each. */
    static Plan plan(Path dir) throws IOException, PlanException {
        return PlanFile.load(
                Files.writeString(
                        dir.resolve("gantry.yaml"),
                        """
                        environments:
                          - name: staging
                          - name: production
                        rollback:
                          - { id: DEP-020, metric: error_rate, threshold: "> 2%", for: 5m }
                          - { id: DEP-021, metric: p99_latency, threshold: "> 500ms" }
                          - { id: DEP-022, metric: availability, threshold: "< 99.9%", noData: 3 }
                          - { id: DEP-023, metric: errors, threshold: "> 1.5x baseline", severity: soft }
                          - { id: DEP-024, metric: saturation, threshold: "> 80%", environments: [production] }
                        rollout:
                          canary: { steps: [25%, 50%, 100%], watch: 10m, cadence: 1m }
                          rolling: { batches: 3, watch: 5m }
                        """),
                true,
                PlugIns.registries());
    }

    /** A canary through its first step's watch into the second step's, three samples into it. */
    static RunStory secondStepWatched() {
        return started(Strategy.CANARY)
                .at(2, new RunEvent.BaselineMeasured("DEP-023", 0.4, ""))
                .at(2, new RunEvent.PhaseEntered(Phase.EXECUTE))
                .action(2, "deploy", 0, 0)
                .at(3, new RunEvent.PhaseEntered(Phase.SMOKE_TEST))
                .at(3, new RunEvent.ValidationRan("DEP-030", "Smoke", true, 12, "200 OK"))
                .at(4, new RunEvent.PhaseEntered(Phase.EXECUTE))
                .action(4, "set-weight", 25, 1)
                .at(5, new RunEvent.PhaseEntered(Phase.WATCH))
                .sample(65, 1, "DEP-020", "error_rate", 0.025, "BREACHING")
                .sample(125, 1, "DEP-020", "error_rate", 0.004, "OK")
                .at(604, new RunEvent.PhaseEntered(Phase.EXECUTE))
                .action(604, "set-weight", 50, 2)
                .at(605, new RunEvent.PhaseEntered(Phase.WATCH))
                .sample(665, 2, "DEP-020", "error_rate", 0.004, "OK")
                .sample(665, 2, "DEP-021", "p99_latency", 0.34, "OK")
                .sample(665, 2, "DEP-022", "availability", 0.9995, "OK")
                .sample(665, 2, "DEP-023", "errors", 0.5, "OK")
                .sample(725, 2, "DEP-020", "error_rate", 0.021, "BREACHING")
                .sample(725, 2, "DEP-022", "availability", null, "NO_DATA")
                .sample(785, 2, "DEP-020", "error_rate", 0.023, "BREACHING")
                .sample(785, 2, "DEP-021", "p99_latency", 0.3405, "OK")
                .sample(785, 2, "DEP-022", "availability", null, "NO_DATA")
                .sample(785, 2, "DEP-023", "errors", 0.56, "OK");
    }

    RunStory at(long seconds, RunEvent event) {
        events.add(new RunLog.Logged(time(seconds), event));
        return this;
    }

    /** An action that started and finished at {@code seconds}. */
    RunStory action(long seconds, String action, int weight, int step) {
        String id = RUN + "/" + action + (step > 0 ? "-" + step : "");
        return at(seconds, new RunEvent.ActionStarted(id, dev.gantry.rollout.Action.of(action), weight, step))
                .at(seconds, new RunEvent.ActionFinished(id, true, action + " staging: ./deploy.sh exited 0"));
    }

    RunStory sample(long seconds, int step, String trigger, String metric, Double value, String state) {
        String problem = value == null ? "./metric.sh printed nothing" : "";
        return at(
                seconds,
                new RunEvent.Sampled(
                        step,
                        trigger,
                        metric,
                        value,
                        problem,
                        dev.gantry.analysis.Evaluation.State.valueOf(state),
                        null));
    }

    List<RunLog.Logged> events() {
        return List.copyOf(events);
    }

    static Instant time(long seconds) {
        return BEGIN.plus(Duration.ofSeconds(seconds));
    }
}
