package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's model, read once from a run's events, holds what each of its three forms shows. */
class ReportModelTest {

    @TempDir
    Path dir;

    @Test
    void aRolledBackCanaryReadsAsItsSectionsSay() throws Exception {
        ReportModel model = RunFixture.canary(true)
                .rolledBack("DEP-020 fired", "customers complain")
                .report(dir, "search by tag")
                .model();

        assertThat(model.summary().verdictLabel()).isEqualTo("Rolled-Back");
        assertThat(model.summary().duration()).contains(Duration.ofMinutes(6));
        assertThat(model.execute())
                .extracting(ReportModel.ActionRow::stepId)
                .containsExactly("run-1/deploy", "run-1/set-weight-1", "run-1/set-weight-2");
        assertThat(model.finish().rollbackSteps())
                .extracting(ReportModel.ActionRow::stepId)
                .containsExactly("run-1/traffic-back", "run-1/rollback");
        assertThat(model.finish().outcome()).isInstanceOfSatisfying(Outcome.RolledBack.class, r -> {
            assertThat(r.decidedBy()).isEmpty();
            assertThat(r.smokeAfter()).hasSize(1).allMatch(ReportModel.SmokeTest::passed);
            assertThat(r.start()).isPresent();
        });
        assertThat(model.changes().rollbackScript()).isEqualTo("./deploy.sh --rollback --to 1.3.0");
    }

    @Test
    void theWatchWindowShowsEachReadingInItsUnitBesideTheStableVersion() throws Exception {
        WatchSection watch = RunFixture.canary(true)
                .rolledBack("DEP-020 fired", "no")
                .report(dir, "search by tag")
                .model()
                .watch();

        assertThat(watch.columns()).containsExactly("error_rate", "p99_latency", "p99_latency (stable)");
        assertThat(watch.rows()).hasSize(6);
        assertThat(watch.rows().get(5).values().get("error_rate").text()).isEqualTo("17.07% FIRED");
        assertThat(watch.rows().get(0).values().get("p99_latency").text()).isEqualTo("220ms");
        assertThat(watch.rows().get(0).values().get("p99_latency (stable)").text())
                .isEqualTo("200ms");
        assertThat(watch.since(watch.rows().get(0).at())).isEqualTo(Duration.ofMinutes(1));
        assertThat(watch.charts()).extracting(Chart::metric).containsExactly("error_rate", "p99_latency");
        Chart errors = watch.charts().get(0);
        assertThat(errors.limit()).hasValue(0.02);
        assertThat(errors.fired()).extracting(Chart.Point::at).containsExactly(Duration.ofMinutes(6));
        assertThat(errors.marks())
                .extracting(Chart.Mark::label)
                .containsExactly("step 1 · 10%", "step 2 · 50%", "rollback");
    }

    @Test
    void aRelativeLatencyIsShownInMilliseconds() {
        assertThat(Chart.format(
                        java.util.Optional.of(dev.gantry.plan.Threshold.parse("> 1.5x baseline")), "p95_latency", 0.84))
                .isEqualTo("840ms");
        assertThat(Chart.format(
                        java.util.Optional.of(dev.gantry.plan.Threshold.parse("> 1.5x baseline")), "rps", 120.5))
                .isEqualTo("120.5");
    }
}
