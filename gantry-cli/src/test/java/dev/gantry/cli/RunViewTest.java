package dev.gantry.cli;

import static dev.gantry.cli.RunStory.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.coordinate.RunView;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Verdict;
import dev.gantry.version.ReleaseType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's view, from events written by hand and a plan file. */
class RunViewTest {

    @TempDir
    Path dir;

    private Plan plan;

    @BeforeEach
    void plan() throws Exception {
        plan = RunStory.plan(dir);
    }

    @Test
    void aCanaryMidWatchShowsItsStepWeightSamplesAndTimeLeft() {
        RunView view = RunView.of(RunStory.secondStepWatched().events(), plan, ReleaseType.MINOR, time(815));

        assertThat(view.phase()).isEqualTo(Phase.WATCH);
        assertThat(view.strategy()).contains(Strategy.CANARY);
        assertThat(view.step()).isEqualTo(2);
        assertThat(view.steps()).isEqualTo(3);
        assertThat(view.weight()).isEqualTo(50);
        assertThat(view.movingTo()).isEmpty();
        assertThat(view.watch())
                .contains(new RunView.Watch(time(605), Duration.ofMinutes(10), Duration.ofSeconds(390)));
        assertThat(view.triggers())
                .containsExactly(
                        new RunView.TriggerView(
                                "DEP-020", "error_rate", "> 2%", "2.3%", "breaching for 1m of 5m (since 10:12:05)"),
                        new RunView.TriggerView("DEP-021", "p99_latency", "> 500ms", "340.5ms", "ok"),
                        new RunView.TriggerView(
                                "DEP-022",
                                "availability",
                                "< 99.9%",
                                "no data",
                                "no data 2 of 3 (./metric.sh printed nothing)"),
                        new RunView.TriggerView("DEP-023", "errors", "> 1.5x baseline", "1.4x baseline", "ok"));
        assertThat(view.waiting()).isEmpty();
        assertThat(view.end()).isEmpty();

        assertThat(RunViewText.title(view)).isEqualTo("1.4.0 to staging, replacing 1.3.0");
        assertThat(RunViewText.lines(view))
                .containsExactly(
                        "phase 5/6 Watch window, Canary step 2 of 3",
                        "weight [#####.....] 50%",
                        "DEP-020  error_rate    2.3%           limit > 2%             breaching for 1m of 5m (since"
                                + " 10:12:05)",
                        "DEP-021  p99_latency   340.5ms        limit > 500ms          ok",
                        "DEP-022  availability  no data        limit < 99.9%          no data 2 of 3 (./metric.sh"
                                + " printed nothing)",
                        "DEP-023  errors        1.4x baseline  limit > 1.5x baseline  ok",
                        "watch window: 6m30s left of 10m (ends 10:20:05)");
    }

    @Test
    void theWatchWindowEndsAtZeroAndABreachFromTheFirstStepIsOverOnceASampleIsOk() {
        RunView view = RunView.of(RunStory.secondStepWatched().events(), plan, ReleaseType.MINOR, time(4000));
        assertThat(view.watch().orElseThrow().left()).isZero();

        List<RunLog.Logged> firstStep = RunStory.secondStepWatched().events().subList(0, 16);
        RunView early = RunView.of(firstStep, plan, ReleaseType.MINOR, time(70));
        assertThat(early.step()).isEqualTo(1);
        assertThat(early.weight()).isEqualTo(25);
        assertThat(early.triggers().get(0).state()).isEqualTo("breaching for 0s of 5m (since 10:01:05)");
        assertThat(early.triggers().get(1))
                .isEqualTo(new RunView.TriggerView("DEP-021", "p99_latency", "> 500ms", "", "no sample yet"));
        assertThat(early.watch().orElseThrow().left()).isEqualTo(Duration.ofSeconds(535));
    }

    @Test
    void aPausedRunWaitsForAPersonWithoutAWatchClock() {
        List<RunLog.Logged> events = RunStory.secondStepWatched()
                .sample(845, 2, "DEP-023", "errors", 0.64, "FIRED")
                .at(
                        845,
                        new RunEvent.Breached(
                                "DEP-023",
                                dev.gantry.plan.Severity.SOFT,
                                "errors 1.6x baseline (0.64 against 0.4) > 1.5x"))
                .at(845, new RunEvent.Paused("soft trigger DEP-023 fired: errors 1.6x baseline", false))
                .events();
        RunView view = RunView.of(events, plan, ReleaseType.MINOR, time(900));

        assertThat(view.waiting())
                .map(RunEvent.Paused::reason)
                .contains("soft trigger DEP-023 fired: errors 1.6x baseline");
        assertThat(view.watch())
                .as("the window does not count down while a person decides")
                .isEmpty();
        assertThat(view.triggers().get(3).value()).isEqualTo("1.6x baseline");
        assertThat(view.triggers().get(3).state()).isEqualTo("fired (breaching since 10:14:05)");
        assertThat(RunViewText.lines(view))
                .endsWith(
                        "waiting for a person: soft trigger DEP-023 fired: errors 1.6x baseline",
                        "  decide with: gantry decide staging --version 1.4.0 --continue|--rollback --as NAME"
                                + " --reason \"...\"");
    }

    @Test
    void aSampleReadBesideTheStableVersionShowsBoth() {
        List<RunLog.Logged> events = RunStory.secondStepWatched()
                .at(
                        905,
                        new RunEvent.Sampled(
                                2,
                                "DEP-020",
                                "error_rate",
                                0.08,
                                "",
                                dev.gantry.analysis.Evaluation.State.BREACHING,
                                0.001))
                .events();
        RunView view = RunView.of(events, plan, ReleaseType.MINOR, time(910));

        assertThat(view.triggers().get(0).value()).isEqualTo("8% (stable 0.1%)");
    }

    @Test
    void goingOnPastABreachStartsItAfresh() {
        List<RunLog.Logged> events = RunStory.secondStepWatched()
                .at(800, new RunEvent.Paused("soft trigger DEP-023 fired", false))
                .at(900, new RunEvent.Decided(true, "Mark Liu", "a known spike"))
                .sample(905, 2, "DEP-020", "error_rate", 0.03, "BREACHING")
                .sample(905, 2, "DEP-022", "availability", null, "NO_DATA")
                .events();
        RunView view = RunView.of(events, plan, ReleaseType.MINOR, time(910));

        assertThat(view.waiting()).isEmpty();
        assertThat(view.triggers().get(0).state()).isEqualTo("breaching for 0s of 5m (since 10:15:05)");
        assertThat(view.triggers().get(2).state()).startsWith("no data 1 of 3");
        assertThat(view.watch().orElseThrow().left())
                .as("the same window, from its start")
                .isEqualTo(Duration.ofSeconds(295));
    }

    @Test
    void theSampleThatFiredStillSaysSoOnceAPersonLetsTheRunGoOn() {
        List<RunLog.Logged> events = RunStory.secondStepWatched()
                .sample(845, 2, "DEP-023", "errors", 0.64, "FIRED")
                .at(845, new RunEvent.Paused("soft trigger DEP-023 fired", false))
                .at(900, new RunEvent.Decided(true, "Mark Liu", "a known spike"))
                .events();
        RunView view = RunView.of(events, plan, ReleaseType.MINOR, time(901));

        assertThat(view.waiting()).isEmpty();
        assertThat(view.triggers().get(3).state()).isEqualTo("fired (breaching since 10:14:05)");
        assertThat(view.triggers().get(2).state()).startsWith("no data 2 of 3");
    }

    @Test
    void aRolledBackRunShowsItsVerdictWithTheTrafficBack() {
        List<RunLog.Logged> events = RunStory.secondStepWatched()
                .sample(845, 2, "DEP-021", "p99_latency", 0.612, "FIRED")
                .at(845, new RunEvent.Breached("DEP-021", dev.gantry.plan.Severity.HARD, "p99_latency 612ms > 500ms"))
                .at(845, new RunEvent.PhaseEntered(Phase.FINISH))
                .at(845, new RunEvent.Noted("feature flags: none are known for this release, so none were turned off"))
                .action(846, "set-weight", 0, 0)
                .action(847, "rollback", 0, 0)
                .at(848, new RunEvent.PhaseEntered(Phase.SMOKE_TEST))
                .at(848, new RunEvent.ValidationRan("DEP-030/after-rollback", "Smoke", true, 10, "200 OK"))
                .at(848, new RunEvent.Noted("notified: #incidents"))
                .at(848, new RunEvent.Ended(Verdict.ROLLED_BACK, "DEP-021 fired: p99_latency 612ms > 500ms", true))
                .events();
        RunView view = RunView.of(events, plan, ReleaseType.MINOR, time(3600));

        assertThat(view.phase())
                .as("the smoke test after a rollback is part of phase 6")
                .isEqualTo(Phase.FINISH);
        assertThat(view.weight()).isZero();
        assertThat(view.step()).as("the last step the canary reached").isEqualTo(2);
        assertThat(view.watch()).isEmpty();
        assertThat(view.triggers().get(1).state()).isEqualTo("fired (breaching since 10:14:05)");
        assertThat(RunViewText.lines(view))
                .startsWith("phase 6/6 Commit or rollback, Canary step 2 of 3", "weight [..........] 0%")
                .endsWith("Rolled-Back: DEP-021 fired: p99_latency 612ms > 500ms");
    }

    @Test
    void anActionUnderWayShowsTheWeightItMovesTo() {
        List<RunLog.Logged> events = RunStory.secondStepWatched()
                .at(1205, new RunEvent.PhaseEntered(Phase.EXECUTE))
                .at(
                        1205,
                        new RunEvent.ActionStarted(
                                RunStory.RUN + "/set-weight-3", dev.gantry.rollout.Action.SET_WEIGHT, 100, 3))
                .events();
        RunView view = RunView.of(events, plan, ReleaseType.MINOR, time(1206));

        assertThat(view.step()).isEqualTo(3);
        assertThat(view.weight()).isEqualTo(50);
        assertThat(view.movingTo()).hasValue(100);
        assertThat(RunViewText.lines(view)).contains("weight [#####.....] 50%, moving to 100%");
    }

    @Test
    void aRollingReleaseCountsBatchesAndWatchesEachAsThePlanSays() {
        List<RunLog.Logged> events = RunStory.started(Strategy.ROLLING)
                .at(2, new RunEvent.PhaseEntered(Phase.EXECUTE))
                .action(2, "deploy", 33, 1)
                .at(3, new RunEvent.PhaseEntered(Phase.WATCH))
                .at(303, new RunEvent.PhaseEntered(Phase.EXECUTE))
                .action(303, "deploy", 67, 2)
                .at(304, new RunEvent.PhaseEntered(Phase.WATCH))
                .events();
        RunView view = RunView.of(events, plan, ReleaseType.MINOR, time(364));

        assertThat(RunViewText.lines(view).get(0)).isEqualTo("phase 5/6 Watch window, Rolling batch 2 of 3");
        assertThat(view.weight()).isEqualTo(67);
        assertThat(view.watch().orElseThrow().left()).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void anAllAtOnceReleaseIsWatchedAsLongAsItsReleaseTypeSays() {
        List<RunLog.Logged> events = RunStory.started(Strategy.ALL_AT_ONCE)
                .at(2, new RunEvent.PhaseEntered(Phase.EXECUTE))
                .action(2, "deploy", 100, 0)
                .at(3, new RunEvent.PhaseEntered(Phase.WATCH))
                .events();

        assertThat(RunView.of(events, plan, ReleaseType.HOTFIX, time(63))
                        .watch()
                        .orElseThrow()
                        .left())
                .isEqualTo(Duration.ofMinutes(59));
        assertThat(RunView.of(events, plan, ReleaseType.PATCH, time(63))
                        .watch()
                        .orElseThrow()
                        .left())
                .isEqualTo(Duration.ofMinutes(29));
        assertThat(RunViewText.lines(RunView.of(events, plan, ReleaseType.HOTFIX, time(63)))
                        .get(0))
                .isEqualTo("phase 5/6 Watch window, All at once");
    }

    @Test
    void aCanaryWithoutStepsInThePlanTakesTheReleaseTypes() throws Exception {
        Plan bare = PlanFile.load(
                Files.writeString(dir.resolve("bare.yaml"), "environments: [{ name: staging }]\n"),
                true,
                PlugIns.registries());
        List<RunLog.Logged> events = RunStory.started(Strategy.CANARY)
                .at(2, new RunEvent.PhaseEntered(Phase.EXECUTE))
                .action(2, "deploy", 0, 0)
                .events();

        RunView minor = RunView.of(events, bare, ReleaseType.MINOR, time(3));
        assertThat(RunViewText.lines(minor))
                .containsExactly(
                        "phase 3/6 Execute, Canary before step 1 of 3",
                        "weight [..........] 0%",
                        "no rollback trigger watches this environment");
        assertThat(RunView.of(events, bare, ReleaseType.MAJOR, time(3)).steps()).isEqualTo(4);
    }

    @Test
    void theReleaseTypeIsReadFromTheRecommendedStrategyAndTheVersions() {
        assertThat(RunView.typeOf(recommended(Strategy.ALL_AT_ONCE, "1.3.0"))).isEqualTo(ReleaseType.HOTFIX);
        assertThat(RunView.typeOf(recommended(Strategy.ROLLING, "1.3.0"))).isEqualTo(ReleaseType.PATCH);
        assertThat(RunView.typeOf(recommended(Strategy.CANARY, "1.3.0"))).isEqualTo(ReleaseType.MINOR);
        assertThat(RunView.typeOf(recommended(Strategy.CANARY, "0.9.0"))).isEqualTo(ReleaseType.MAJOR);
        assertThat(RunView.typeOf(recommended(Strategy.CANARY, null))).isEqualTo(ReleaseType.MAJOR);
    }

    private static List<RunLog.Logged> recommended(Strategy strategy, String previous) {
        return List.of(
                new RunLog.Logged(
                        time(0),
                        new RunEvent.Started(RunStory.RUN, "staging", "1.4.0", previous, "abc1234", "Mark Liu")),
                new RunLog.Logged(time(1), new RunEvent.StrategyChosen(strategy, Strategy.CANARY, "")));
    }
}
