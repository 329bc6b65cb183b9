package dev.gantry.report;

import dev.gantry.analysis.Evaluation;
import dev.gantry.changelog.Entry;
import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.gate.Decision;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Severity;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.Action;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RollbackCause;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Verdict;
import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's events written by hand, minute by minute: a canary of 1.4.0 to staging watched on its error rate and its
 * p99 latency (beside the stable version's), that ends as the test says, with what people wrote as the test gives.
 */
final class RunFixture {

    static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");

    private final List<RunLog.Logged> events = new ArrayList<>();
    private Instant now = T0;

    private RunFixture add(RunEvent event) {
        events.add(new RunLog.Logged(now, event));
        return this;
    }

    private RunFixture at(int minute) {
        now = T0.plus(Duration.ofMinutes(minute));
        return this;
    }

    /** Gate, strategy, deploy and the first step at 10%, then three samples a step; the error rate rises at step 2. */
    static RunFixture canary(boolean faulty) {
        RunFixture run = new RunFixture()
                .add(new RunEvent.Started(
                        "run-1", "staging", "1.4.0", "1.3.0", "0123456789abcdef0123456789abcdef01234567", "Mark Liu"))
                .add(new RunEvent.PhaseEntered(Phase.GATE))
                .add(new RunEvent.GateDecided(Decision.GO, "1 criterion: 1 met, 0 unmet, 0 error"))
                .add(new RunEvent.PhaseEntered(Phase.STRATEGY))
                .add(new RunEvent.StrategyChosen(Strategy.CANARY, Strategy.CANARY, ""))
                .add(new RunEvent.PhaseEntered(Phase.EXECUTE));
        run.action("run-1/deploy", Action.DEPLOY, 0, 0);
        for (int step = 1; step <= 2; step++) {
            run.action("run-1/set-weight-" + step, Action.SET_WEIGHT, step == 1 ? 10 : 50, step);
            run.add(new RunEvent.PhaseEntered(Phase.WATCH));
            for (int i = 1; i <= 3; i++) {
                int minute = (step - 1) * 3 + i;
                boolean high = faulty && step == 2;
                Evaluation.State state =
                        !high ? Evaluation.State.OK : i == 3 ? Evaluation.State.FIRED : Evaluation.State.BREACHING;
                run.at(minute)
                        .add(new RunEvent.Sampled(
                                step, "DEP-020", "error_rate", high ? 0.1707 : 0.004, "", state, null))
                        .add(new RunEvent.Sampled(
                                step, "DEP-021", "p99_latency", 0.21 + minute / 100.0, "", Evaluation.State.OK, 0.2));
            }
            if (step == 1) run.add(new RunEvent.PhaseEntered(Phase.EXECUTE));
        }
        return run;
    }

    RunFixture rolledBack(String reason, String decisionReason) {
        add(new RunEvent.Breached("DEP-020", Severity.HARD, "error_rate 17.07% > 2% for 2m (since 09:04:00)"));
        add(new RunEvent.Decided(false, "Linh Vo", decisionReason));
        add(new RunEvent.PhaseEntered(Phase.FINISH));
        add(new RunEvent.RollbackDecided(RollbackCause.TRIGGER_FIRED, reason, null, 0));
        action("run-1/traffic-back", Action.SET_WEIGHT, 0, 0);
        action("run-1/rollback", Action.ROLLBACK, 0, 0);
        add(new RunEvent.ValidationRan("DEP-030/after-rollback", "Health", true, 12, "GET /health → 200"));
        return add(new RunEvent.Ended(Verdict.ROLLED_BACK, reason, true));
    }

    RunFixture released() {
        at(7).action("run-1/promote", Action.PROMOTE, 100, 3);
        add(new RunEvent.PhaseEntered(Phase.FINISH));
        return add(new RunEvent.Ended(Verdict.RELEASED, "every step watched without a breach", true));
    }

    RunFixture lesson(String lesson, String person) {
        return add(new RunEvent.LessonNoted(lesson, person));
    }

    private RunFixture action(String stepId, Action action, int weight, int step) {
        add(new RunEvent.ActionStarted(stepId, action, weight, step));
        return add(new RunEvent.ActionFinished(
                stepId, true, action.word() + " staging: ./deploy.sh exited 0", List.of(), Map.of("exitCode", 0)));
    }

    /** The report of the run, with a change whose subject is {@code subject}. */
    RunReport report(Path dir, String subject) throws Exception {
        Plan plan = PlanText.load(
                dir,
                """
                environments: [{ name: staging }]
                rollback:
                  - { id: DEP-020, metric: error_rate, query: error_rate, threshold: "> 2%", for: 2m }
                  - { id: DEP-021, metric: p99_latency, query: 'p99{version="{version}"}', threshold: "> 500ms" }
                """);
        ReleaseChanges changes = new ReleaseChanges(
                "1.4.0",
                LocalDate.parse("2026-03-20"),
                Optional.of("v1.3.0"),
                Optional.of("v1.4.0"),
                List.of(new Entry(
                        "feat",
                        Optional.of("search"),
                        subject,
                        false,
                        List.of(),
                        "0123456789abcdef0123456789abcdef01234567",
                        List.of("#12"))));
        return new RunReport(
                events,
                Optional.empty(),
                changes,
                List.of(),
                "./deploy.sh --rollback --to {previousVersion}",
                "Prometheus",
                plan.rollback(),
                ZoneOffset.UTC);
    }
}
