package dev.gantry.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.binding.Registries;
import dev.gantry.binding.YamlBinder;
import dev.gantry.plan.MetricSourceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric sources as gantry.yaml writes them, each chosen by its type. */
class MetricSourceBindingTest {

    /** Stands in for the plan until it has a metrics key. */
    record Watch(MetricSourceSpec metrics) {}

    private static MetricSource bind(String yaml) throws PlanException {
        return MetricSources.source(
                YamlBinder.bind(Path.of("gantry.yaml"), yaml, Watch.class, new Registries(new MetricSources()))
                        .value()
                        .metrics());
    }

    private static List<String> errors(String yaml) {
        try {
            bind(yaml);
        } catch (PlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        }
        throw new AssertionError("bound without an error:\n" + yaml);
    }

    @Test
    void prometheus() throws Exception {
        MetricSource source = bind(
                """
                metrics:
                  type: prometheus
                  url: http://prometheus.{environment}:9090/
                  headers:
                    X-Scope-OrgID: payments
                  tokenVariable: PROMETHEUS_TOKEN
                  timeout: 5s
                """);

        assertThat(source)
                .isEqualTo(new PrometheusSource(
                        "http://prometheus.{environment}:9090",
                        Map.of("X-Scope-OrgID", "payments"),
                        "PROMETHEUS_TOKEN",
                        Duration.ofSeconds(5)));
    }

    @Test
    void prometheusWithDefaults() throws Exception {
        MetricSource source = bind("metrics: { type: prometheus, url: \"http://prometheus:9090\" }");

        assertThat(source).isEqualTo(new PrometheusSource("http://prometheus:9090", Map.of(), null, null));
        assertThat(((PrometheusSource) source).timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(((PrometheusSource) source).headers()).isEmpty();
    }

    @Test
    void httpJson() throws Exception {
        MetricSource source = bind(
                """
                metrics:
                  type: http-json
                  url: https://{environment}.example.com/stats
                  headers: { Accept: application/json }
                """);

        assertThat(source)
                .isEqualTo(new HttpJsonSource(
                        "https://{environment}.example.com/stats", Map.of("Accept", "application/json"), null));
    }

    @Test
    void command() throws Exception {
        MetricSource source = bind(
                """
                metrics:
                  type: command
                  run: [./scripts/metric.sh, "{query}", --env, "{environment}"]
                  timeout: 1m
                """);

        assertThat(source)
                .isEqualTo(new CommandSource(
                        List.of("./scripts/metric.sh", "{query}", "--env", "{environment}"), Duration.ofMinutes(1)));
    }

    @Test
    void aMisspeltKeyIsAnErrorWhereItIsWritten() {
        assertThat(
                        errors(
                                """
                        metrics:
                          type: prometheus
                          url: http://prometheus:9090
                          tokenVarible: PROMETHEUS_TOKEN
                        """))
                .containsExactly("gantry.yaml:4:3: metrics.tokenVarible: unknown key \"tokenVarible\"; did you mean"
                        + " \"tokenVariable\"?");
    }

    @Test
    void aMisspeltTypeSuggestsTheNearestOne() {
        assertThat(errors("metrics: { type: promethus, url: \"http://prometheus:9090\" }"))
                .containsExactly("gantry.yaml:1:18: metrics.type: unknown type \"promethus\"; did you mean"
                        + " \"prometheus\"?");
        assertThat(errors("metrics: { type: datadog }"))
                .containsExactly("gantry.yaml:1:18: metrics.type: unknown type \"datadog\"; expected one of:"
                        + " prometheus, http-json, command");
    }

    @Test
    void badValuesAreErrorsAtTheirKeys() {
        assertThat(
                        errors(
                                """
                        metrics:
                          type: prometheus
                          url: prometheus:9090
                          tokenVariable: PROMETHEUS-TOKEN
                        """))
                .containsExactly("gantry.yaml:3:8: metrics.url: expected an http or https URL such as"
                        + " http://prometheus:9090, got \"prometheus:9090\"");
        assertThat(
                        errors(
                                """
                        metrics:
                          type: prometheus
                          url: http://prometheus:9090
                          tokenVariable: PROMETHEUS-TOKEN
                        """))
                .containsExactly("gantry.yaml:4:18: metrics.tokenVariable: expected the name of an environment"
                        + " variable such as PROMETHEUS_TOKEN, got \"PROMETHEUS-TOKEN\"");
        assertThat(
                        errors(
                                """
                        metrics:
                          type: command
                          run: ./scripts/metric.sh
                          timeout: soon
                        """))
                .singleElement()
                .asString()
                .startsWith("gantry.yaml:4:12: metrics.timeout: ");
    }

    @Test
    void aRequiredKeyIsNamed() {
        assertThat(errors("metrics:\n  type: http-json\n  timeout: 2s\n"))
                .containsExactly("gantry.yaml:2:3: metrics: missing required key \"url\"");
        assertThatThrownBy(() -> bind("metrics:\n  type: command\n"))
                .isInstanceOf(PlanException.class)
                .hasMessage("gantry.yaml:2:3: metrics: missing required key \"run\"");
    }
}
