package dev.gantry.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionsTest {

    record Rule(String type, String release) {}

    record Versioning(String tagPattern, List<Rule> releaseRules) {}

    record Gate(String name, @Key("for") Duration sustained) {}

    record Plan(Versioning versioning, List<Gate> gates, Map<String, String> sections, List<String> tags) {}

    private static final String YAML =
            """
            versioning:
              tagPattern: v{version}
              releaseRules:
                - { type: build, release: patch }
                - type: docs
                  release: none
            gates:
              - name: smoke
                for: 5m
              - { name: load }
            sections:
              feat: Added
              fix: Fixed
            tags: [a, b]
            """;

    private final Bound<Plan> bound = bind();

    private static Bound<Plan> bind() {
        try {
            return YamlBinder.bind(Path.of("/repo/gantry.yaml"), YAML, Plan.class, new Registries());
        } catch (PlanException e) {
            throw new AssertionError(e);
        }
    }

    private Positions positions() {
        return bound.positions();
    }

    @Test
    void nestedRecordsAndListItems() {
        Plan plan = bound.value();
        assertThat(positions().of(plan)).hasToString("gantry.yaml:1:1");
        assertThat(positions().of(plan.versioning())).hasToString("gantry.yaml:2:3");
        assertThat(positions().of(plan.versioning().releaseRules().get(0))).hasToString("gantry.yaml:4:7");
        assertThat(positions().of(plan.versioning().releaseRules().get(1))).hasToString("gantry.yaml:5:7");
        assertThat(positions().of(plan.gates().get(1))).hasToString("gantry.yaml:10:5");
    }

    @Test
    void listsAndMaps() {
        Plan plan = bound.value();
        assertThat(positions().of(plan.versioning().releaseRules())).hasToString("gantry.yaml:4:5");
        assertThat(positions().of(plan.tags())).hasToString("gantry.yaml:14:7");
        assertThat(positions().of(plan.sections())).hasToString("gantry.yaml:12:3");
        assertThat(positions().of(plan.sections(), "fix")).hasToString("gantry.yaml:13:8");
        assertThat(positions().pathOf(plan.sections())).isEqualTo("sections");
    }

    @Test
    void componentValuesFallBackToTheRecordWhenAbsent() {
        Rule second = bound.value().versioning().releaseRules().get(1);
        assertThat(positions().of(second, "release")).hasToString("gantry.yaml:6:16");
        Gate smoke = bound.value().gates().get(0);
        assertThat(positions().of(smoke, "sustained")).hasToString("gantry.yaml:9:10");
        Gate load = bound.value().gates().get(1);
        assertThat(positions().of(load, "sustained")).hasToString("gantry.yaml:10:5");
    }

    @Test
    void itemsOfAListComponentHaveTheirOwnPlace() {
        Versioning versioning = bound.value().versioning();
        assertThat(positions().of(versioning, "releaseRules[1]")).hasToString("gantry.yaml:5:7");
        assertThat(positions().of(versioning, "releaseRules[2]")).hasToString("gantry.yaml:4:5");
        assertThat(positions().of(bound.value(), "tags[1]")).hasToString("gantry.yaml:14:11");
    }

    @Test
    void keyPaths() {
        Plan plan = bound.value();
        assertThat(positions().pathOf(plan)).isEmpty();
        assertThat(positions().pathOf(plan.versioning())).isEqualTo("versioning");
        assertThat(positions().pathOf(plan.versioning().releaseRules().get(1))).isEqualTo("versioning.releaseRules[1]");
        assertThat(positions().pathOf(plan.versioning().releaseRules())).isEqualTo("versioning.releaseRules");
        assertThat(positions().pathOf(plan.gates().get(0))).isEqualTo("gates[0]");
    }

    @Test
    void lookupsGoByIdentity() {
        Rule first = bound.value().versioning().releaseRules().get(0);
        Rule equalCopy = new Rule(first.type(), first.release());
        assertThat(equalCopy).isEqualTo(first);
        assertThat(positions().of(equalCopy)).hasToString("gantry.yaml:1:1");
        assertThat(positions().of(equalCopy, "type")).hasToString("gantry.yaml:1:1");
        assertThat(positions().pathOf(equalCopy)).isEmpty();
    }
}
