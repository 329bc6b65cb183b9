package dev.gantry.plan.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlBinderTest {

    private static final Path FILE = Path.of("gantry.yaml");

    enum Severity {
        HARD,
        SOFT_PAUSE
    }

    record Percent(int value) {
        public static Percent parse(String text) {
            if (!text.matches("\\d{1,3}%"))
                throw new IllegalArgumentException("expected a percentage like 5%, got \"" + text + "\"");
            return new Percent(Integer.parseInt(text.substring(0, text.length() - 1)));
        }
    }

    record Trigger(
            @Required String id,
            @Key("for") Duration sustained,
            Severity severity,
            Percent threshold,
            @Key("notify") @Doc("who is woken") List<String> pager) {
        Trigger {
            if (id != null && !id.startsWith("DEP-"))
                throw new IllegalArgumentException("ids start with DEP-, got \"" + id + "\"");
        }
    }

    record Root(
            String project,
            boolean strict,
            int retries,
            List<Trigger> rollback,
            Map<String, String> labels,
            Optional<String> owner) {}

    private static Bound<Root> bind(String yaml) throws PlanException {
        return YamlBinder.bind(FILE, yaml, Root.class);
    }

    private static List<String> errors(String yaml) {
        try {
            bind(yaml);
        } catch (PlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        }
        throw new AssertionError("expected errors");
    }

    @Test
    void bindsNestedRecordsListsMapsAndValueTypes() throws Exception {
        Root root =
                bind("""
                project: shop
                strict: true
                retries: 3
                rollback:
                  - { id: DEP-003, for: 5m, severity: soft-pause, threshold: 2%, notify: oncall }
                  - id: DEP-004
                    for: 1h30m
                labels: { team: payments, tier: "1" }
                """)
                        .value();
        assertThat(root.project()).isEqualTo("shop");
        assertThat(root.strict()).isTrue();
        assertThat(root.retries()).isEqualTo(3);
        assertThat(root.rollback().get(0))
                .isEqualTo(new Trigger(
                        "DEP-003", Duration.ofMinutes(5), Severity.SOFT_PAUSE, new Percent(2), List.of("oncall")));
        assertThat(root.rollback().get(1).sustained()).isEqualTo(Duration.ofMinutes(90));
        assertThat(root.rollback().get(1).pager()).isEmpty();
        assertThat(root.labels()).containsExactly(Map.entry("team", "payments"), Map.entry("tier", "1"));
        assertThat(root.owner()).isEmpty();
    }

    @Test
    void emptyFileBindsDefaults() throws Exception {
        Root root = bind("").value();
        assertThat(root.rollback()).isEmpty();
        assertThat(root.strict()).isFalse();
    }

    @Test
    void unknownKeysSuggestTheClosestOrListTheAccepted() {
        assertThat(errors("projct: shop\n"))
                .containsExactly("gantry.yaml:1:1: projct: unknown key \"projct\"; did you mean \"project\"?");
        assertThat(errors("rollback:\n  - id: DEP-1\n    zzz: 1\n"))
                .containsExactly(
                        "gantry.yaml:3:5: rollback[0].zzz: unknown key \"zzz\"; expected one of: id, for, severity, threshold, notify");
    }

    @Test
    void everyErrorOfTheFileIsReportedInOrder() {
        assertThat(
                        errors(
                                """
                retries: many
                strict: yes
                rollback:
                  - { for: soon, severity: loud, threshold: most }
                  - { id: X-1 }
                labels: [a]
                """))
                .containsExactly(
                        "gantry.yaml:1:10: retries: expected a whole number, got \"many\"",
                        "gantry.yaml:2:9: strict: expected true or false, got \"yes\"",
                        "gantry.yaml:4:5: rollback[0]: missing required key \"id\"",
                        "gantry.yaml:4:12: rollback[0].for: expected a duration like 90s, 5m, 2h, 1d or 1h30m, got \"soon\"",
                        "gantry.yaml:4:28: rollback[0].severity: expected one of hard, soft-pause, got \"loud\"",
                        "gantry.yaml:4:45: rollback[0].threshold: expected a percentage like 5%, got \"most\"",
                        "gantry.yaml:5:5: rollback[1]: ids start with DEP-, got \"X-1\"",
                        "gantry.yaml:6:9: labels: expected a mapping, got a list");
    }

    @Test
    void wrongShapesAndDuplicates() {
        assertThat(errors("project: [a, b]\n"))
                .containsExactly("gantry.yaml:1:10: project: expected a single value, got a list");
        assertThat(errors("rollback: DEP-1\n"))
                .containsExactly("gantry.yaml:1:11: rollback[0]: expected a mapping, got \"DEP-1\"");
        assertThat(errors("project: a\nproject: b\n"))
                .containsExactly("gantry.yaml:2:1: project: duplicate key \"project\"");
    }

    @Test
    void yamlSyntaxErrorsHaveAPosition() {
        assertThat(errors("project: [unclosed\nstrict: true\n"))
                .singleElement()
                .asString()
                .startsWith("gantry.yaml:")
                .contains("invalid YAML");
    }

    @Test
    void positionsOfBoundRecordsAndTheirKeys() throws Exception {
        Bound<Root> bound = bind("project: shop\nrollback:\n  - id: DEP-1\n  - id: DEP-2\n    severity: hard\n");
        Trigger second = bound.value().rollback().get(1);
        assertThat(bound.positions().of(second)).hasToString("gantry.yaml:4:5");
        assertThat(bound.positions().of(second, "severity")).hasToString("gantry.yaml:5:15");
        assertThat(bound.positions().of(second, "sustained")).hasToString("gantry.yaml:4:5");
        assertThat(bound.positions().pathOf(second)).isEqualTo("rollback[1]");
    }

    @Test
    void docAnnotationsAreReadable() {
        Doc doc = Trigger.class.getRecordComponents()[4].getAnnotation(Doc.class);
        assertThat(doc.value()).isEqualTo("who is woken");
    }

    @Test
    void durations() throws Exception {
        assertThat(Scalars.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Scalars.duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> Scalars.duration("5 m")).isInstanceOf(Scalars.Mismatch.class);
        assertThatThrownBy(() -> Scalars.duration("m5")).isInstanceOf(Scalars.Mismatch.class);
    }
}
