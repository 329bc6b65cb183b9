package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's hash follows its values, not how the file is written. */
class PlanHashTest {

    @TempDir
    Path dir;

    private static final String PLAN =
            """
            project: shop
            environments:
              - { name: staging }
              - { name: production, requires: [staging] }
            criteria:
              - id: DEP-001
                title: Tests pass
                check: { type: junit, reports: "build/*.xml", minPassRate: 95% }
                blocker: true
            rollback:
              - { id: DEP-003, metric: error_rate, query: "sum(x)", threshold: "> 2%", for: 5m, severity: hard }
            windows:
              freeze:
                - { cron: "0 15 * * FRI", duration: 66h, zone: Europe/Berlin }
            people:
              - { name: Linh Vo, roles: [qa] }
            approvals:
              patch: [qa]
            """;

    @Test
    void theSamePlanLoadedTwiceHasTheSameHash() throws Exception {
        String first = PlanHash.of(PlanText.load(dir, PLAN));
        assertThat(PlanHash.of(PlanText.load(dir, PLAN))).isEqualTo(first).hasSize(64);
    }

    @Test
    void commentsLayoutAndKeyOrderDoNotChangeItAValueDoes() throws Exception {
        String hash = PlanHash.of(PlanText.load(dir, PLAN));
        String rewritten = "# the shop's plan\n"
                + PLAN.replace("approvals:\n  patch: [qa]", "approvals:\n  patch:\n    - qa   # one is enough")
                        .replace("{ name: Linh Vo, roles: [qa] }", "{ roles: [qa], name: \"Linh Vo\" }");
        assertThat(PlanHash.of(PlanText.load(dir, rewritten))).isEqualTo(hash);
        assertThat(PlanHash.of(PlanText.load(dir, PLAN.replace("minPassRate: 95%", "minPassRate: 90%"))))
                .isNotEqualTo(hash);
        assertThat(PlanHash.of(PlanText.load(dir, PLAN.replace("patch: [qa]", "patch: [qa, tech-lead]"))))
                .isNotEqualTo(hash);
    }

    @Test
    void fullPlansHashTheSameEachTimeTheyAreRead() throws Exception {
        for (String release : java.util.List.of("v2.3.1", "v3.0.0")) {
            Path file = Path.of("src/test/resources/documents", release, PlanFile.NAME);
            String first = PlanHash.of(PlanFile.load(file, true, dev.gantry.coordinate.PlugIns.registries()));
            assertThat(PlanHash.of(PlanFile.load(file, true, dev.gantry.coordinate.PlugIns.registries())))
                    .as(release)
                    .isEqualTo(first);
        }
    }

    @Test
    void theDefaultsHaveAHashToo() {
        assertThat(PlanHash.of(Plan.DEFAULTS)).isEqualTo(PlanHash.of(Plan.DEFAULTS));
    }
}
