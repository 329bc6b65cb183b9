package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.version.Bump;
import dev.gantry.version.ReleaseRule;
import dev.gantry.version.Version;
import dev.gantry.version.ZeroMajor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {

    @TempDir
    Path dir;

    private Plan load(String yaml) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, yaml);
        return PlanFile.load(file, true, PlugIns.registries());
    }

    private List<String> errors(String yaml) {
        try {
            load(yaml);
        } catch (PlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected plan errors");
    }

    @Test
    void theVersioningPartWithEveryKey() throws Exception {
        Plan plan = load(
                """
                project: shop
                versioning:
                  tagPattern: "v{version}"
                  releaseRules:
                    - { type: build, release: patch }
                    - { type: docs, scope: readme.md, release: patch }
                    - { type: chore, scope: deps, release: none }
                  zeroMajor: shift
                  initialVersion: 0.1.0
                  channel: rc
                  hotfixBranches: ["hotfix/*"]
                components:
                  - { name: api, path: services/api, tagPattern: "api-v{version}" }
                  - { name: web, path: services/web, dependsOn: api }
                changelog:
                  file: docs/CHANGELOG.md
                  sections: { feat: Added, fix: Fixed, docs: Documentation }
                  commitUrl: none
                notes:
                  template: release/notes.peb
                  comingNext: [SSO]
                  support: "Write to support@example.com."
                """);
        assertThat(plan.versioning().releaseRules()).contains(new ReleaseRule("chore", "deps", null, Bump.NONE));
        assertThat(plan.versioning().zeroMajor()).isEqualTo(ZeroMajor.SHIFT);
        assertThat(plan.versioning().initialVersion()).isEqualTo(Version.parse("0.1.0"));
        assertThat(plan.versioning().channel()).isEqualTo("rc");
        assertThat(plan.component("web").orElseThrow().tags().first()).hasToString("web-v{version}");
        assertThat(plan.component("web").orElseThrow().dependsOn()).containsExactly("api");
        assertThat(plan.changelog().sections()).containsEntry("docs", "Documentation");
        assertThat(plan.notes().comingNext()).containsExactly("SSO");
    }

    @Test
    void missingFileGivesTheDefaultsUnlessNamed() throws Exception {
        assertThat(PlanFile.load(dir.resolve("gantry.yaml"), false, PlugIns.registries()))
                .isEqualTo(Plan.DEFAULTS);
        assertThatThrownBy(() -> PlanFile.load(dir.resolve("other.yaml"), true, PlugIns.registries()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void wrongValuesNameFileLineColumnAndKey() {
        assertThat(
                        errors(
                                """
                versioning:
                  tagPattern: "release"
                  releaseRules:
                    - { type: build, release: huge }
                    - { release: minor }
                  initialVersion: 1.0
                """))
                .containsExactly(
                        "gantry.yaml:2:15: versioning.tagPattern: expected a tag pattern with exactly one \"{version}\", like \"v{version}\", got \"release\"",
                        "gantry.yaml:4:31: versioning.releaseRules[0].release: expected one of none, patch, minor, major, got \"huge\"",
                        "gantry.yaml:5:7: versioning.releaseRules[1]: a release rule needs at least one of \"type\", \"scope\", \"breaking\"",
                        "gantry.yaml:6:19: versioning.initialVersion: expected a semantic version like 1.4.0 or 2.0.0-rc.1, got \"1.0\"");
    }

    @Test
    void checksInsideAnEntryPointAtIt() {
        assertThat(errors("versioning:\n  channel: \"beta 2\"\n"))
                .containsExactly(
                        "gantry.yaml:2:12: versioning.channel: channel must be one pre-release identifier like rc or beta, got \"beta 2\"");
        assertThat(errors("components:\n  - { name: web, path: /abs }\n"))
                .containsExactly(
                        "gantry.yaml:2:24: components[0].path: component path must be a folder inside the repository like services/api, got \"/abs\"");
    }

    @Test
    void componentsAreCheckedAcrossEntries() {
        assertThat(
                        errors(
                                """
                components:
                  - { name: api, path: services/api }
                  - { name: api, path: services/api2, tagPattern: "api-v{version}" }
                  - { name: web, path: services/web, dependsOn: [db] }
                """))
                .containsExactly(
                        "gantry.yaml:3:13: components[1].name: duplicate component \"api\"",
                        "gantry.yaml:3:51: components[1].tagPattern: tag pattern \"api-v{version}\" is used by another component; each component needs tags of its own",
                        "gantry.yaml:4:49: components[2].dependsOn: unknown component \"db\"; components are api, web");
    }

    @Test
    void flagNamesAreFitForUrlsAndNamedWhereTheyAreWrong() {
        String rule = "flags[%d].name: a flag's name is 1 to 100 letters, digits, \".\", \"_\", \"~\" or \"-\","
                + " starting with a letter or digit, as Unleash needs names fit for URLs; ";
        assertThat(errors(
                        """
                flags:
                  - { name: "", type: release }
                  - { name: "a/b", type: release }
                  - { name: "x\\u202ey", type: release }
                  - { name: "<b>x</b>", type: release }
                  - { name: "-dash", type: release }
                  - { name: "%s", type: release }
                  - { name: "new checkout", type: release }
                """
                                .formatted("l".repeat(101))))
                .containsExactly(
                        "gantry.yaml:2:13: " + rule.formatted(0) + "got \"\"",
                        "gantry.yaml:3:13: " + rule.formatted(1) + "got \"a/b\"",
                        "gantry.yaml:4:13: " + rule.formatted(2) + "found U+202E RIGHT-TO-LEFT OVERRIDE at character 2",
                        "gantry.yaml:5:13: " + rule.formatted(3) + "got \"<b>x</b>\"",
                        "gantry.yaml:6:13: " + rule.formatted(4) + "got \"-dash\"",
                        "gantry.yaml:7:13: " + rule.formatted(5) + "got 101 characters",
                        "gantry.yaml:8:13: " + rule.formatted(6) + "got \"new checkout\"");
    }

    @Test
    void aFlagNameOfEveryAllowedKindIsTaken() throws Exception {
        Plan plan = load("flags:\n  - { name: ENABLE_2FA.v2~beta-1, type: release }\n  - { name: \"%s\" }\n"
                .formatted("9".repeat(100)));
        assertThat(plan.flags()).extracting(Flag::name).containsExactly("ENABLE_2FA.v2~beta-1", "9".repeat(100));
    }

    @Test
    void aFlagDeclaredTwiceEvenInAnotherCaseNamesBothPlaces() {
        assertThat(
                        errors(
                                """
                flags:
                  - { name: dup, type: release }
                  - { name: other }
                  - { name: dup, type: kill-switch }
                  - { name: DUP, type: release }
                """))
                .containsExactly(
                        "gantry.yaml:4:13: flags[2].name: duplicate flag \"dup\"; \"dup\" is declared at"
                                + " gantry.yaml:2:13",
                        "gantry.yaml:5:13: flags[3].name: duplicate flag \"DUP\"; \"dup\" is declared at"
                                + " gantry.yaml:2:13, and flag names must differ by more than case");
    }

    @Test
    void squashBulletsIsOffUnlessTheVersioningPartTurnsItOn() throws Exception {
        assertThat(load("project: shop\n").versioning().squashBullets()).isFalse();
        assertThat(load("versioning:\n  squashBullets: true\n").versioning().squashBullets())
                .isTrue();
    }

    @Test
    void aMistypedSquashBulletsKeyIsAnErrorWithAHint() {
        assertThat(errors("versioning:\n  tagPattern: \"v{version}\"\n  squashBulets: true\n"))
                .containsExactly(
                        "gantry.yaml:3:3: versioning.squashBulets: unknown key \"squashBulets\"; did you mean \"squashBullets\"?");
        assertThat(errors("versioning:\n  squashBullets: often\n"))
                .containsExactly("gantry.yaml:2:18: versioning.squashBullets: expected true or false, got \"often\"");
    }

    @Test
    void aComponentTakesOneTagPatternOrSeveral() throws Exception {
        Plan plan = load(
                """
                components:
                  - { name: pkg, path: pkg, tagPattern: ["pkg-v{version}", "pkg@{version}"] }
                  - { name: api, path: api, tagPattern: "api-v{version}" }
                  - { name: web, path: web }
                versioning:
                  tagPattern: ["v{version}", "{version}"]
                """);
        assertThat(plan.component("pkg").orElseThrow().tags()).hasToString("\"pkg-v{version}\" or \"pkg@{version}\"");
        assertThat(plan.component("api").orElseThrow().tags()).hasToString("\"api-v{version}\"");
        assertThat(plan.component("web").orElseThrow().tags()).hasToString("\"web-v{version}\"");
        assertThat(plan.versioning().tags().format(Version.parse("1.2.0"))).isEqualTo("v1.2.0");
    }

    @Test
    void tagPatternErrorsPointAtTheItem() {
        assertThat(
                        errors(
                                """
                components:
                  - { name: pkg, path: pkg, tagPattern: ["pkg-v{version}", "release"] }
                  - { name: api, path: api, tagPattern: ["api-v{version}", "pkg-v{version}"] }
                  - { name: web, path: web, tagPattern: ["web-v{version}", "web-v{version}"] }
                """))
                .containsExactly(
                        "gantry.yaml:2:60: components[0].tagPattern[1]: expected a tag pattern with exactly one \"{version}\", like \"v{version}\", got \"release\"",
                        "gantry.yaml:4:41: components[2].tagPattern: tag pattern \"web-v{version}\" is listed twice");
        assertThat(
                        errors(
                                """
                components:
                  - { name: pkg, path: pkg, tagPattern: ["pkg-v{version}", "pkg@{version}"] }
                  - { name: api, path: api, tagPattern: ["api-v{version}", "pkg@{version}"] }
                """))
                .containsExactly(
                        "gantry.yaml:3:60: components[1].tagPattern[1]: tag pattern \"pkg@{version}\" is used by another component; each component needs tags of its own");
    }
}
