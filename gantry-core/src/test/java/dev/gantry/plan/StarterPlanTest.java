package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.binding.Bound;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.lint.Finding;
import dev.gantry.plan.lint.PlanLint;
import dev.gantry.version.ReleaseType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterPlanTest {

    @TempDir
    Path dir;

    private Bound<Plan> starter(boolean github) throws Exception {
        Path root = Files.createDirectories(dir.resolve("shop"));
        Files.createDirectories(root.resolve("services/api"));
        Files.writeString(root.resolve("services/api/pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("services/web"));
        Files.writeString(root.resolve("services/web/package.json"), "{}");
        Files.createDirectories(root.resolve("services/notes"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        StarterPlan.Facts facts = StarterPlan.facts(root, "Mark Liu", github, ZoneId.of("Europe/Berlin"));
        Path file = root.resolve("gantry.yaml");
        Files.writeString(file, StarterPlan.render(facts));
        return PlanFile.bind(file, PlugIns.registries());
    }

    @Test
    void theStarterFindsComponentsAndBinds() throws Exception {
        Plan plan = starter(true).value();
        assertThat(plan.project()).isEqualTo("shop");
        assertThat(plan.components()).extracting(Component::path).containsExactly("services/api", "services/web");
        assertThat(plan.environments()).extracting(Environment::name).containsExactly("staging", "production");
        assertThat(plan.environment("production").orElseThrow().requires()).containsExactly("staging");
        assertThat(plan.criteria()).extracting(Criterion::id).contains("DEP-010", "DEP-011", "DEP-013");
        assertThat(plan.people()).singleElement().satisfies(p -> assertThat(p.name())
                .isEqualTo("Mark Liu"));
    }

    @Test
    void theStarterCarriesTheSeedDefaults() throws Exception {
        Plan plan = starter(false).value();
        assertThat(plan.criteria()).extracting(Criterion::id).doesNotContain("DEP-011");
        RollbackTrigger errors = plan.rollback().get(0);
        assertThat(errors.threshold()).isEqualTo(Threshold.parse("> 2%"));
        assertThat(errors.sustained()).isEqualTo(Duration.ofMinutes(5));
        assertThat(errors.severity()).isEqualTo(Severity.HARD);
        assertThat(plan.rollback().get(1).threshold()).isEqualTo(Threshold.parse("> 500ms"));
        assertThat(plan.approvals().required(ReleaseType.MINOR)).containsExactly("product-manager", "tech-lead", "qa");
        assertThat(plan.approvals().required(ReleaseType.MAJOR))
                .containsExactly("product-manager", "tech-lead", "qa", "security", "executive-sponsor");
        assertThat(plan.approvals().separateApprover()).isTrue();
        assertThat(plan.windows().freeze()).singleElement().satisfies(f -> {
            assertThat(f.cron()).isEqualTo("0 15 * * FRI");
            assertThat(f.zone()).isEqualTo("Europe/Berlin");
        });
        assertThat(plan.validation()).singleElement().satisfies(v -> assertThat(v.check())
                .isNotNull());
    }

    /**
     * The starter cannot know how the project deploys or what its metrics are called, so its environments do not
     * release yet and its triggers carry their queries as comments. Once a target is given, the check names
     * exactly what is still missing to watch the release; with the commented lines filled in, nothing is.
     */
    @Test
    void aTargetGivenAloneIsFlaggedUntilMetricsAndQueriesAreFilledIn() throws Exception {
        starter(false);
        Path file = dir.resolve("shop/gantry.yaml");
        String starter = Files.readString(file);
        Files.writeString(file, starter.replace("#   target:", "    target:"));
        List<String> missing = PlanLint.check(PlanFile.bind(file, PlugIns.registries())).stream()
                .filter(f -> f.level() == Finding.Level.ERROR)
                .map(f -> f.rule() + " " + f.keyPath())
                .toList();
        assertThat(missing)
                .containsExactly(
                        "trigger-no-source environments[0].metrics",
                        "trigger-no-source environments[1].metrics",
                        "trigger-no-query rollback[0].query",
                        "trigger-no-query rollback[1].query");

        Files.writeString(
                file,
                starter.replace("#   target:", "    target:")
                        .replace("#   metrics:", "    metrics:")
                        .replace("#   query:", "    query:"));
        List<Finding> filledIn = PlanLint.check(PlanFile.bind(file, PlugIns.registries()));
        assertThat(filledIn).extracting(Finding::rule).containsOnly("untraced", "owner-unknown", "role-unfilled");
    }

    @Test
    void theStarterPassesEveryQualityGateButAsksForPeopleAndLinks() throws Exception {
        List<Finding> findings = PlanLint.check(starter(true));
        assertThat(findings).noneMatch(f -> f.level() == Finding.Level.ERROR);
        assertThat(findings).extracting(Finding::rule).containsOnly("untraced", "owner-unknown", "role-unfilled");
    }
}
