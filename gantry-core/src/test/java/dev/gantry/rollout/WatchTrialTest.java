package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.analysis.Evaluation.State;
import dev.gantry.analysis.MetricSource;
import dev.gantry.analysis.MetricSources;
import dev.gantry.analysis.MetricsServer;
import dev.gantry.plan.Plan;
import dev.gantry.testing.PlanText;
import dev.gantry.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run of the watch window reads every trigger as a run would, against real sources. */
class WatchTrialTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ERRORS =
            "(sum(rate(http_requests_total{code=~\"5..\",version=\"1.4.0\"}[1m])) or vector(0))"
                    + " / sum(rate(http_requests_total{version=\"1.4.0\"}[1m]))";

    @TempDir
    Path dir;

    private List<TriggerReader.Sample> trial(String metrics, Optional<Version> stable) throws Exception {
        Plan plan = PlanText.load(
                dir,
                """
                environments:
                  - name: staging
                    metrics: %s
                  - { name: production, requires: [staging] }
                rollback:
                  - { id: DEP-020, metric: error_rate, query: '(sum(rate(http_requests_total{code=~"5..",version="{version}"}[1m])) or vector(0)) / sum(rate(http_requests_total{version="{version}"}[1m]))', threshold: "> 2%%" }
                  - { id: DEP-021, metric: p99_latency, query: 'p99{version="{version}"}', threshold: "> 500ms", for: 5m }
                  - { id: DEP-022, metric: saturation, query: 'saturation', threshold: "> 80%%" }
                  - { id: DEP-023, metric: rps, query: 'rps{version="{version}"}', threshold: "< 0.5x baseline" }
                  - { id: DEP-024, metric: error_rate, threshold: "> 2%%", environments: [production] }
                """
                        .formatted(metrics));
        MetricSource source =
                MetricSources.source(plan.environment("staging").orElseThrow().metrics());
        TriggerReader reader =
                new TriggerReader(Optional.of(source), "staging", Version.parse("1.4.0"), stable, dir, Map.of());
        return WatchTrial.now(plan, reader, NOW);
    }

    @Test
    void everyTriggerOfTheEnvironmentIsReadOnceAsARunWouldReadIt() throws Exception {
        try (MetricsServer prometheus = new MetricsServer()) {
            prometheus
                    .series(ERRORS, Map.of(), Map.of(NOW, "0"))
                    .series("p99{version=\"1.4.0\"}", Map.of(), Map.of(NOW, "0.84"))
                    .series("rps{version=\"1.4.0\"}", Map.of(), Map.of(NOW, "30"))
                    .series("rps{version=\"1.3.0\"}", Map.of(), Map.of(NOW, "100"));
            List<TriggerReader.Sample> samples = trial(
                    "{ type: prometheus, url: \"" + prometheus.base() + "\" }", Optional.of(Version.parse("1.3.0")));

            assertThat(samples)
                    .extracting(s -> s.trigger().id())
                    .as("DEP-024 watches production only")
                    .containsExactly("DEP-020", "DEP-021", "DEP-022", "DEP-023");
            assertThat(samples)
                    .extracting(s -> s.evaluation().state())
                    .containsExactly(State.OK, State.BREACHING, State.NO_DATA, State.FIRED);
            assertThat(samples.get(0).evaluation().reason()).isEqualTo("error_rate 0%, not > 2%");
            assertThat(samples.get(1).evaluation().reason())
                    .isEqualTo("p99_latency 840ms > 500ms for 0s of 5m (since 10:00:00)");
            assertThat(samples.get(2).reading().problem()).contains("no series");
            assertThat(samples.get(3).stable()).hasValue(100);
            assertThat(samples.get(3).baseline()).hasValue(100);
            assertThat(samples.get(3).evaluation().reason())
                    .isEqualTo("rps 0.3x baseline (30 against 100) < 0.5x baseline");
            assertThat(WatchTrial.passes(samples)).isFalse();
        }
    }

    @Test
    void aCommandSourceIsAskedWithEachQuery() throws Exception {
        Path script = dir.resolve("metric.sh");
        Files.writeString(
                script,
                """
                #!/bin/sh
                case "$1" in
                  p99*) echo 0.2 ;;
                  saturation) echo 0.5 ;;
                  *) echo 0.001 ;;
                esac
                """);
        script.toFile().setExecutable(true);
        List<TriggerReader.Sample> samples =
                trial("{ type: command, run: [./metric.sh, \"{query}\"] }", Optional.empty());

        assertThat(samples)
                .extracting(s -> s.evaluation().state())
                .as("without a stable version, the relative DEP-023 has no baseline before now from a command")
                .containsExactly(State.OK, State.OK, State.OK, State.OK);
        assertThat(samples.get(3).baseline()).hasValue(0.001);
        assertThat(WatchTrial.passes(samples)).isTrue();
    }
}
