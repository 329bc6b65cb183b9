package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.analysis.MetricsServer;
import dev.gantry.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry watch ENV --dry-run reads every trigger of ENV once, against a real Prometheus-like server and a script. */
class WatchCliTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Map<String, String> AT_NOW = Map.of("SOURCE_DATE_EPOCH", Long.toString(NOW.getEpochSecond()));
    private static final String ERRORS = "(sum(rate(http_requests_total{code=~\"5..\",version=\"1.4.0\"}[1m]))"
            + " or vector(0)) / sum(rate(http_requests_total{version=\"1.4.0\"}[1m]))";

    @TempDir
    Path dir;

    private MetricsServer prometheus;

    @BeforeEach
    void start() throws Exception {
        prometheus = new MetricsServer();
        GitFixture.init(dir).commit("fix: a");
        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                project: shop
                environments:
                  - name: staging
                    metrics: { type: prometheus, url: "%s" }
                  - name: lab
                    metrics: { type: command, run: [./metric.sh, "{query}"] }
                  - name: production
                    requires: [staging]
                rollback:
                  - { id: DEP-020, metric: error_rate, query: '(sum(rate(http_requests_total{code=~"5..",version="{version}"}[1m])) or vector(0)) / sum(rate(http_requests_total{version="{version}"}[1m]))', threshold: "> 2%%" }
                  - { id: DEP-021, metric: p99_latency, query: 'p99{version="{version}"}', threshold: "> 500ms", for: 5m }
                """
                        .formatted(prometheus.base()));
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void everyTriggerPassingExitsZero() {
        prometheus
                .series(ERRORS, Map.of(), Map.of(NOW, "0.001"))
                .series("p99{version=\"1.4.0\"}", Map.of(), Map.of(NOW, "0.2"));

        GantryProcess.Result result =
                GantryProcess.runWith(dir, AT_NOW, "watch", "staging", "--dry-run", "--version", "1.4.0");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo(
                        """
                        DEP-020  pass     error_rate 0.1%, not > 2%
                        DEP-021  pass     p99_latency 200ms, not > 500ms
                        """);
        assertThat(result.err())
                .isEqualTo("watch staging (dry run) · 1.4.0 · Prometheus at " + prometheus.base() + "\n");
    }

    @Test
    void aBreachOrNoDataExitsFourWithOneLinePerTrigger() throws Exception {
        prometheus.series("p99{version=\"1.4.0\"}", Map.of(), Map.of(NOW, "0.84"));

        GantryProcess.Result result =
                GantryProcess.runWith(dir, AT_NOW, "watch", "staging", "--dry-run", "--version", "1.4.0");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        assertThat(result.out().lines())
                .hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first)
                                .startsWith("DEP-020  no data  no data for 1 of 3 samples: ")
                                .contains("no series"),
                        second -> assertThat(second)
                                .isEqualTo(
                                        "DEP-021  breach   p99_latency 840ms > 500ms for 0s of 5m (since 10:00:00)"));
        assertThat(result.err())
                .endsWith("2 of 2 triggers would not pass: a run now would roll back or wait on them\n");

        GantryProcess.Result json = GantryProcess.runWith(
                dir, AT_NOW, "watch", "staging", "--dry-run", "--version", "1.4.0", "--stable", "1.3.0", "--json");
        assertThat(json.exitCode()).isEqualTo(4);
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("environment").asText()).isEqualTo("staging");
        assertThat(root.get("stable").asText()).isEqualTo("1.3.0");
        assertThat(root.get("passes").asBoolean()).isFalse();
        JsonNode latency = root.get("triggers").get(1);
        assertThat(latency.get("id").asText()).isEqualTo("DEP-021");
        assertThat(latency.get("state").asText()).isEqualTo("BREACHING");
        assertThat(latency.get("value").asDouble()).isEqualTo(0.84);
        assertThat(latency.get("observed").asDouble()).isEqualTo(840);
        assertThat(latency.get("threshold").asText()).isEqualTo("> 500ms");
        assertThat(root.get("triggers").get(0).get("problem").asText()).contains("no series");
    }

    @Test
    void aCommandSourceIsAskedEachQuery() throws Exception {
        Path script = dir.resolve("metric.sh");
        Files.writeString(script, "#!/bin/sh\ncase \"$1\" in p99*) echo 0.7 ;; *) echo 0 ;; esac\n");
        script.toFile().setExecutable(true);

        GantryProcess.Result result =
                GantryProcess.runWith(dir, AT_NOW, "watch", "lab", "--dry-run", "--version", "2.0.0");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        assertThat(result.out())
                .isEqualTo(
                        """
                        DEP-020  pass     error_rate 0%, not > 2%
                        DEP-021  breach   p99_latency 700ms > 500ms for 0s of 5m (since 10:00:00)
                        """);
    }

    @Test
    void anEnvironmentWithoutMetricSourceHasNoData() {
        GantryProcess.Result result =
                GantryProcess.runWith(dir, AT_NOW, "watch", "production", "--dry-run", "--version", "1.4.0");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.out())
                .isEqualTo(
                        """
                        DEP-020  no data  no data for 1 of 3 samples: no metric source for production
                        DEP-021  no data  no data for 1 of 3 samples: no metric source for production
                        """);
    }

    @Test
    void withoutDryRunOrVersionItIsAUsageError() {
        GantryProcess.Result bare = GantryProcess.runWith(dir, AT_NOW, "watch", "staging");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err())
                .startsWith("gantry: only --dry-run exists for now: gantry watch staging --dry-run; a run's watch"
                        + " window is part of gantry release");

        GantryProcess.Result unreleased = GantryProcess.runWith(dir, AT_NOW, "watch", "staging", "--dry-run");
        assertThat(unreleased.exitCode()).isEqualTo(2);
        assertThat(unreleased.err())
                .startsWith("gantry: nothing has been released to staging yet: give --version, the version whose"
                        + " metrics to read");
    }
}
