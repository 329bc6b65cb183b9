package dev.gantry.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class YamlBinderErrorsTest {

    private static final Path FILE = Path.of("gantry.yaml");

    enum Release {
        NONE,
        PATCH,
        MINOR,
        MAJOR,
        PRE_RELEASE
    }

    record MinPassRate(int percent) {
        public static MinPassRate parse(String text) {
            try {
                int percent = Integer.parseInt(text);
                if (percent >= 0 && percent <= 100) return new MinPassRate(percent);
            } catch (NumberFormatException e) {
                // reported below with the text as written
            }
            throw new IllegalArgumentException("expected a percentage between 0 and 100, got \"" + text + "\"");
        }
    }

    record ReleaseRule(String type, String scope, Release release) {
        ReleaseRule {
            if (type == null && scope == null) {
                throw new IllegalArgumentException("a release rule needs \"type\" or \"scope\"");
            }
        }
    }

    record Versioning(String tagPattern, List<ReleaseRule> releaseRules, Boolean strict, Integer keep) {}

    record Check(MinPassRate minPassRate, Duration window, @Key("for") Duration sustained) {}

    record Criterion(@Required String name, Check check, List<Integer> ports, Optional<Double> ratio) {}

    record Changelog(Map<String, String> sections, List<String> sectionOrder) {}

    record Plan(String project, Versioning versioning, List<Criterion> criteria, Changelog changelog) {}

    static final AtomicInteger PARENTS_BUILT = new AtomicInteger();

    record Child(int value) {}

    record Parent(Child first, Child second, String label) {
        Parent {
            PARENTS_BUILT.incrementAndGet();
        }
    }

    record Family(Parent parent) {}

    private static <T extends Record> List<String> errors(String yaml, Class<T> type) {
        PlanException e =
                catchThrowableOfType(PlanException.class, () -> YamlBinder.bind(FILE, yaml, type, new Registries()));
        assertThat(e).as("binding should fail").isNotNull();
        return e.errors().stream().map(PlanError::toString).toList();
    }

    private static List<String> errors(String yaml) {
        return errors(yaml, Plan.class);
    }

    @Test
    void unknownKeysSuggestTheClosestKey() {
        assertThat(errors("versioning:\n  tagPatern: v{version}\n"))
                .containsExactly("gantry.yaml:2:3: versioning.tagPatern: unknown key \"tagPatern\"; "
                        + "did you mean \"tagPattern\"?");
        assertThat(errors("versioning:\n  TagPattern: v{version}\n"))
                .containsExactly("gantry.yaml:2:3: versioning.TagPattern: unknown key \"TagPattern\"; "
                        + "did you mean \"tagPattern\"?");
        assertThat(errors("versioning:\n  release: []\n"))
                .containsExactly("gantry.yaml:2:3: versioning.release: unknown key \"release\"; "
                        + "did you mean \"releaseRules\"?");
    }

    @Test
    void unknownKeysWithNothingCloseListTheAcceptedKeys() {
        assertThat(errors("x: 1\n"))
                .containsExactly("gantry.yaml:1:1: x: unknown key \"x\"; "
                        + "expected one of: project, versioning, criteria, changelog");
        assertThat(errors("criteria:\n  - name: a\n    threshold: 5\n"))
                .containsExactly("gantry.yaml:3:5: criteria[0].threshold: unknown key \"threshold\"; "
                        + "expected one of: name, check, ports, ratio");
    }

    @Test
    void aMissingRequiredKeyIsReportedAtItsMapping() {
        assertThat(errors("criteria:\n  - ports: [80]\n  - { ratio: 0.5 }\n"))
                .containsExactly(
                        "gantry.yaml:2:5: criteria[0]: missing required key \"name\"",
                        "gantry.yaml:3:5: criteria[1]: missing required key \"name\"");
        assertThat(errors("criteria:\n  - name:\n"))
                .containsExactly("gantry.yaml:2:5: criteria[0].name: required key \"name\" has no value");
    }

    @Test
    void wrongNodeKinds() {
        assertThat(errors("versioning: [a, b]\n"))
                .containsExactly("gantry.yaml:1:13: versioning: expected a mapping, got a list");
        assertThat(errors("versioning: semver\n"))
                .containsExactly("gantry.yaml:1:13: versioning: expected a mapping, got \"semver\"");
        assertThat(errors("project: { name: shop }\n"))
                .containsExactly("gantry.yaml:1:10: project: expected a single value, got a mapping");
        assertThat(errors("versioning: { keep: [1] }\n"))
                .containsExactly("gantry.yaml:1:21: versioning.keep: expected a number, got a list");
        assertThat(errors("criteria: { name: a }\n"))
                .containsExactly("gantry.yaml:1:11: criteria: expected a list, got a mapping");
        assertThat(errors("criteria: smoke\n"))
                .containsExactly("gantry.yaml:1:11: criteria: expected a list, got \"smoke\"");
        assertThat(errors("changelog: { sections: [feat, fix] }\n"))
                .containsExactly("gantry.yaml:1:24: changelog.sections: expected a mapping, got a list");
        assertThat(errors("- a\n- b\n")).containsExactly("gantry.yaml:1:1: expected a mapping, got a list");
    }

    @Test
    void numbersAndBooleans() {
        assertThat(errors("versioning:\n  keep: abc\n  strict: yes\n"))
                .containsExactly(
                        "gantry.yaml:2:9: versioning.keep: expected a number, got \"abc\"",
                        "gantry.yaml:3:11: versioning.strict: expected true or false, got \"yes\"");
        assertThat(errors("versioning: { keep: 1.5 }\n"))
                .containsExactly("gantry.yaml:1:21: versioning.keep: expected a whole number, got \"1.5\"");
        assertThat(errors("versioning: { keep: 3000000000 }\n"))
                .containsExactly("gantry.yaml:1:21: versioning.keep: "
                        + "expected a number from -2147483648 to 2147483647, got \"3000000000\"");
        assertThat(errors("criteria: [{ name: a, ratio: NaN }]\n"))
                .containsExactly("gantry.yaml:1:30: criteria[0].ratio: expected a number, got \"NaN\"");
        assertThat(errors("criteria: [{ name: a, ratio: 1e999 }]\n"))
                .containsExactly("gantry.yaml:1:30: criteria[0].ratio: expected a number from -1.7e308 to 1.7e308,"
                        + " got \"1e999\"");
        assertThat(errors("versioning: { strict: True }\n"))
                .containsExactly("gantry.yaml:1:23: versioning.strict: expected true or false, got \"True\"");
    }

    @Test
    void enumsListTheAcceptedValuesInLowerCase() {
        assertThat(errors("versioning:\n  releaseRules:\n    - { type: build, release: huge }\n"))
                .containsExactly("gantry.yaml:3:31: versioning.releaseRules[0].release: "
                        + "expected one of none, patch, minor, major, pre-release, got \"huge\"");
    }

    @Test
    void durationsThatDoNotParse() {
        for (String bad : List.of("soon", "90", "5 m", "m5", "30m1h", "1m1m", "1.5h", "-5s")) {
            assertThat(errors("criteria: [{ name: a, check: { window: \"" + bad + "\" } }]\n"))
                    .containsExactly("gantry.yaml:1:40: criteria[0].check.window: "
                            + "expected a duration like 90s, 5m, 2h, 1d or 1h30m, got \"" + bad + "\"");
        }
        for (String tooLong : List.of("99999999999999999999d", "9999999999999d", "1096d", "1095d1ms", "26281h")) {
            assertThat(errors("criteria: [{ name: a, check: { window: " + tooLong + " } }]\n"))
                    .containsExactly("gantry.yaml:1:40: criteria[0].check.window: "
                            + "expected a duration of at most 1095d (3 years), got \"" + tooLong + "\"");
        }
    }

    @Test
    void valueTypesReportTheirOwnMessage() {
        assertThat(
                        errors(
                                """
                criteria:
                  - name: a
                  - name: b
                  - name: c
                    check:
                      minPassRate: most
                """))
                .containsExactly("gantry.yaml:6:20: criteria[2].check.minPassRate: "
                        + "expected a percentage between 0 and 100, got \"most\"");
    }

    @Test
    void aCompactConstructorRejectionPointsAtTheRecord() {
        assertThat(
                        errors(
                                "versioning:\n  releaseRules:\n    - { type: build, release: patch }\n    - { release: minor }\n"))
                .containsExactly(
                        "gantry.yaml:4:7: versioning.releaseRules[1]: a release rule needs \"type\" or \"scope\"");
    }

    @Test
    void duplicateKeysAreReportedAtTheSecondKey() {
        assertThat(errors("project: a\nversioning: {}\nproject: b\n"))
                .containsExactly("gantry.yaml:3:1: project: duplicate key \"project\"");
        assertThat(errors("changelog:\n  sections:\n    feat: Added\n    feat: New\n"))
                .containsExactly("gantry.yaml:4:5: changelog.sections.feat: duplicate key \"feat\"");
    }

    @Test
    void nullListItemsAndMapValuesAreMissingValues() {
        assertThat(errors("changelog:\n  sections: { feat: Added, fix: }\n  sectionOrder: [feat, ~]\n"))
                .containsExactly(
                        "gantry.yaml:2:32: changelog.sections.fix: missing value",
                        "gantry.yaml:3:24: changelog.sectionOrder[1]: missing value");
    }

    @Test
    void yamlSyntaxErrorsAreOneErrorAtTheProblem() {
        assertThat(errors("project: [unclosed\nversioning: {}\n"))
                .containsExactly("gantry.yaml:2:11: invalid YAML: expected ',' or ']', but got :");
        assertThat(errors("project: a: b\n"))
                .containsExactly("gantry.yaml:1:11: invalid YAML: mapping values are not allowed here");
        assertThat(errors("versioning:\n\tstrict: true\n"))
                .containsExactly("gantry.yaml:2:1: invalid YAML: tabs cannot indent YAML, use spaces");
        assertThat(errors("project: a\n---\nproject: b\n"))
                .containsExactly("gantry.yaml:2:1: invalid YAML: "
                        + "expected a single document in the stream, but found another document");
        assertThat(errors("project: *shop\n"))
                .containsExactly("gantry.yaml:1:10: invalid YAML: found undefined alias shop");
    }

    @Test
    void everyErrorOfTheFileIsReportedSortedByPosition() {
        PlanException e = catchThrowableOfType(
                PlanException.class,
                () -> YamlBinder.bind(
                        FILE,
                        """
                        projct: shop
                        criteria:
                          - { name: a, ports: [80, http], ratio: lots }
                          - name: b
                            check: { minPassRate: 120, window: soon, for: 1h }
                          - { nmae: c }
                        versioning:
                          strict: maybe
                          releaseRules:
                            - { type: feat, release: minor }
                            - { scope: api, release: massive }
                        changelog:
                          sections: [a]
                        """,
                        Plan.class,
                        new Registries()));
        assertThat(e.errors())
                .map(PlanError::toString)
                .containsExactly(
                        "gantry.yaml:1:1: projct: unknown key \"projct\"; did you mean \"project\"?",
                        "gantry.yaml:3:28: criteria[0].ports[1]: expected a number, got \"http\"",
                        "gantry.yaml:3:42: criteria[0].ratio: expected a number, got \"lots\"",
                        "gantry.yaml:5:27: criteria[1].check.minPassRate: "
                                + "expected a percentage between 0 and 100, got \"120\"",
                        "gantry.yaml:5:40: criteria[1].check.window: "
                                + "expected a duration like 90s, 5m, 2h, 1d or 1h30m, got \"soon\"",
                        "gantry.yaml:6:5: criteria[2]: missing required key \"name\"",
                        "gantry.yaml:6:7: criteria[2].nmae: unknown key \"nmae\"; did you mean \"name\"?",
                        "gantry.yaml:8:11: versioning.strict: expected true or false, got \"maybe\"",
                        "gantry.yaml:11:30: versioning.releaseRules[1].release: "
                                + "expected one of none, patch, minor, major, pre-release, got \"massive\"",
                        "gantry.yaml:13:13: changelog.sections: expected a mapping, got a list");
        assertThat(e.getMessage())
                .isEqualTo(String.join(
                        "\n", e.errors().stream().map(PlanError::toString).toList()));
    }

    @Test
    void aParentWithABrokenChildIsNotBuiltButItsSiblingsAreChecked() {
        PARENTS_BUILT.set(0);
        assertThat(errors("parent:\n  first: { value: x }\n  second: { value: 2 }\n  label: [l]\n", Family.class))
                .containsExactly(
                        "gantry.yaml:2:19: parent.first.value: expected a number, got \"x\"",
                        "gantry.yaml:4:10: parent.label: expected a single value, got a list");
        assertThat(PARENTS_BUILT).hasValue(0);
    }

    @Test
    void aSingleValueForAListReportsWithoutAnIndex() {
        assertThat(errors("criteria: [{ name: a, ports: http }]\n"))
                .containsExactly("gantry.yaml:1:30: criteria[0].ports: expected a number, got \"http\"");
    }

    @Test
    void nonScalarKeysAreRejected() {
        assertThat(errors("? [a, b]\n: c\n")).containsExactly("gantry.yaml:1:3: expected a plain key, got a list");
    }
}
