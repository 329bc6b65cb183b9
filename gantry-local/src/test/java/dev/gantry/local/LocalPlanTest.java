package dev.gantry.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.binding.SchemaGenerator;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.local.analysis.LocalSource;
import dev.gantry.local.rollout.LocalTarget;
import dev.gantry.local.rollout.Sticky;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the module registered, the plan binds and the schema offers {@code type: local} twice. */
class LocalPlanTest {

    static {
        LocalVariants.register();
    }

    @TempDir
    Path dir;

    @Test
    void planCheckKnowsTheLocalTargetsPortPlaceholder() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        java.nio.file.Files.writeString(
                file,
                """
                environments:
                  - name: laptop
                    target: { type: local, run: [./serve.sh, "{port}", "{version}", "{prot}"], port: 9090 }
                    metrics: { type: local, dir: "run/{environment}" }
                """);
        List<String> placeholders =
                dev.gantry.plan.lint.PlanLint.check(dev.gantry.plan.PlanFile.bind(file, PlugIns.registries())).stream()
                        .filter(f -> f.rule().equals("placeholder-unknown"))
                        .map(Object::toString)
                        .toList();
        assertThat(placeholders)
                .containsExactly("gantry.yaml:3:69: error [placeholder-unknown] unknown placeholder {prot} in the"
                        + " target, sent as written; did you mean {port}?");
    }

    @Test
    void theLocalTargetAndSourceBindFromThePlan() throws Exception {
        Plan plan = PlanText.load(
                dir,
                """
                environments:
                  - name: demo
                    target:
                      type: local
                      run: "java -cp gantry.jar dev.gantry.local.demo.DemoService --port {port} --version {version}"
                      instances: 2
                      port: 8080
                      health: /ready
                      sticky: { header: X-User }
                      startTimeout: 45s
                      dir: run/{environment}
                    metrics: { type: local, dir: "run/{environment}" }
                  - name: laptop
                    target: { type: local, run: [./serve.sh, "{port}"], port: 9090 }
                    metrics: { type: local }
                """);
        Environment demo = plan.environment("demo").orElseThrow();
        assertThat(demo.target())
                .isEqualTo(new LocalTarget(
                        List.of(
                                "java",
                                "-cp",
                                "gantry.jar",
                                "dev.gantry.local.demo.DemoService",
                                "--port",
                                "{port}",
                                "--version",
                                "{version}"),
                        2,
                        8080,
                        "/ready",
                        new Sticky("X-User", null),
                        Duration.ofSeconds(45),
                        "run/{environment}"));
        assertThat(demo.metrics()).isEqualTo(new LocalSource("run/{environment}"));
        assertThat(((LocalTarget) demo.target()).files(dir, "demo").dir()).isEqualTo(dir.resolve("run/demo"));

        Environment laptop = plan.environment("laptop").orElseThrow();
        assertThat(laptop.target())
                .isEqualTo(new LocalTarget(
                        List.of("./serve.sh", "{port}"), 1, 9090, "/health", null, Duration.ofSeconds(30), null));
        assertThat(((LocalTarget) laptop.target()).dir()).isEqualTo(".gantry/local/{environment}");
        assertThat(laptop.metrics()).isEqualTo(new LocalSource(null));
        assertThat(laptop.target().describe())
                .isEqualTo("local processes of ./serve.sh {port}, 1 instance per version, behind a proxy on port 9090,"
                        + " state in .gantry/local/{environment}");
    }

    @Test
    void mistakesInTheLocalTypesArePositionedErrors() throws Exception {
        assertThat(
                        PlanText.errors(
                                dir,
                                """
                        environments:
                          - name: a
                            target: { type: local, run: "", port: 8080 }
                          - name: b
                            target: { type: local, run: ./serve.sh, instance: 2 }
                          - name: c
                            target: { type: local, run: ./serve.sh, port: 80, sticky: { header: X-User, cookie: uid } }
                            metrics: { type: locl }
                          - name: d
                            target: { type: local, run: ./serve.sh, port: 70000 }
                          - name: e
                            target: { type: local, run: ./serve.sh, port: 80, instances: 0 }
                          - name: f
                            target: { type: local, run: ./serve.sh, port: 80, health: ready }
                          - name: g
                            target: { type: local, run: ./serve.sh, port: 80, startTimeout: 0s }
                            metrics: { type: local, dir: " " }
                        """))
                .containsExactly(
                        "gantry.yaml:3:33: environments[0].target.run: expected the command that starts one instance,"
                                + " such as \"java -jar app.jar --port {port}\", got nothing",
                        "gantry.yaml:5:13: environments[1].target: missing required key \"port\"",
                        "gantry.yaml:5:45: environments[1].target.instance: unknown key \"instance\"; did you mean"
                                + " \"instances\"?",
                        "gantry.yaml:7:63: environments[2].target.sticky: expected header or cookie, not both",
                        "gantry.yaml:8:22: environments[2].metrics.type: unknown type \"locl\"; did you mean"
                                + " \"local\"?",
                        "gantry.yaml:10:51: environments[3].target.port: expected a port from 1 to 65535, got 70000",
                        "gantry.yaml:12:66: environments[4].target.instances: expected 1 or more instances, got 0",
                        "gantry.yaml:14:63: environments[5].target.health: expected a path starting with /, such as"
                                + " /health, got \"ready\"",
                        "gantry.yaml:16:69: environments[6].target.startTimeout: expected a duration longer than zero"
                                + " such as 30s, got \"0s\"",
                        "gantry.yaml:17:34: environments[6].metrics.dir: expected a folder such as"
                                + " .gantry/local/{environment}");
    }

    @Test
    void theSchemaOffersTheLocalTargetAndSource() {
        JsonNode schema =
                new ObjectMapper().valueToTree(SchemaGenerator.of(Plan.class, "gantry.yaml", PlugIns.registries()));
        JsonNode environment = schema.at("/properties/environments/items/properties");
        JsonNode target = local(environment.at("/target/oneOf"));
        assertThat(target.at("/required")).extracting(JsonNode::asText).containsExactly("type", "run", "port");
        assertThat(target.at("/properties").fieldNames())
                .toIterable()
                .containsExactly("type", "run", "instances", "port", "health", "sticky", "startTimeout", "dir");
        assertThat(target.at("/properties/sticky/properties").fieldNames())
                .toIterable()
                .containsExactly("header", "cookie");
        assertThat(target.at("/properties/run/description").asText()).contains("{version} and {port} replaced");
        assertThat(target.at("/additionalProperties").asBoolean()).isFalse();

        JsonNode source = local(environment.at("/metrics/oneOf"));
        assertThat(source.at("/properties").fieldNames()).toIterable().containsExactly("type", "dir");
        assertThat(source.at("/description").asText())
                .contains("error_rate{version=\\\"{version}\\\"}".replace("\\", ""));
    }

    private static JsonNode local(JsonNode choices) {
        for (JsonNode choice : choices) {
            if (choice.at("/properties/type/const").asText().equals("local")) return choice;
        }
        throw new AssertionError("no local type among " + choices.findValuesAsText("const"));
    }
}
