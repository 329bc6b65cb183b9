package dev.gantry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.changelog.Entry;
import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.store.Approval;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasePlanDocumentTest {

    @TempDir
    Path dir;

    private PlannedRelease hotfix(String yaml, List<Approval> approvals) throws Exception {
        return hotfix(yaml, approvals, List.of());
    }

    private PlannedRelease hotfix(String yaml, List<Approval> approvals, List<Entry> entries) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, yaml);
        Plan plan = PlanFile.load(file, true, PlugIns.registries());
        ReleaseChanges none =
                new ReleaseChanges("1.0.1", LocalDate.of(2026, 5, 4), Optional.empty(), Optional.empty(), entries);
        return PlannedRelease.of(
                Version.parse("1.0.1"),
                ReleaseType.HOTFIX,
                Scheduling.place(LocalDate.of(2026, 5, 4), plan.windows(), ZoneId.of("UTC")),
                none,
                plan,
                approvals);
    }

    @Test
    void theLatestApprovalOfARoleIsTheOneShown() throws Exception {
        String md = ReleasePlanDocument.render(hotfix(
                """
                people:
                  - { name: Ana Ruiz, roles: [tech-lead] }
                  - { name: Ken Ito, roles: [tech-lead] }
                """,
                List.of(
                        new Approval(
                                "1.0.1", "c1", "tech-lead", "Ken Ito", null, Instant.parse("2026-05-04T06:00:00Z")),
                        new Approval(
                                "1.0.1", "c2", "tech-lead", "Ana Ruiz", null, Instant.parse("2026-05-04T07:00:00Z")))));

        assertThat(md).contains("\n## Approval Sign-Off\n\n- [x] tech-lead — Ana Ruiz, 2026-05-04\n");
    }

    @Test
    void aHotfixWithAnEmptyPlanSaysWhatIsMissing() throws Exception {
        String md = ReleasePlanDocument.render(hotfix("project: shop\n", List.of()));

        assertThat(md)
                .contains("- **Release Date:** Mon 2026-05-04 10:00 (UTC)\n- **Release Manager:** unassigned\n")
                .contains("**Type:** All at once deployment\n\n**Phases:**\n\n- 100% (1 hour monitoring)\n")
                .contains("## Feature Flags\n\nNone.\n")
                .contains("**Triggers:**\n\nNone in the plan.\n")
                .contains("1. Revert traffic to the previous version\n2. Notify stakeholders\n")
                .contains("- [ ] tech-lead — (holders: none)\n")
                .contains("### Features\n\nNone.\n")
                .doesNotContain("## Notes");
    }

    @Test
    void theStrategySectionIsTheRolloutThePlanWillRun() throws Exception {
        String md = ReleasePlanDocument.render(hotfix(
                """
                rollout:
                  strategy: canary
                  canary: { steps: [10%, 100%], watch: 15m, cadence: 30s, pauseAt: [10%] }
                """,
                List.of()));

        assertThat(md)
                .contains("**Type:** Canary deployment (the plan's rollout.strategy; the release type recommends"
                        + " All at once)\n\n**Phases:**\n\n"
                        + "- 10% (15 minutes monitoring, then waits for a person's decision)\n"
                        + "- 100% (15 minutes monitoring)\n\n"
                        + "Metrics are sampled every 30 seconds.\n")
                .doesNotContain("1 hour monitoring");
    }

    @Test
    void aBlueGreenPlanSaysHowLongTheOldColourStaysWarm() throws Exception {
        String md = ReleasePlanDocument.render(
                hotfix("rollout: { strategy: blue-green, blueGreen: { watch: 20m, keepOld: 2h } }\n", List.of()));

        assertThat(md)
                .contains("- 100% (20 minutes monitoring)\n\nMetrics are sampled every 1 minute.\n"
                        + "The old colour stays warm for 2 hours after the switch.\n");
    }

    @Test
    void commitTextOpensNoHtmlLinkOrBlock() throws Exception {
        Entry fix = new Entry(
                "fix",
                Optional.of("<b>ui</b>"),
                "<img src=x onerror=alert(1)> [click](javascript:alert(1)) (#20)",
                true,
                List.of("# Heading\n| a | b |\n|---|---|"),
                "0123456789abcdef0123456789abcdef01234567",
                List.of("#20"));
        String md = ReleasePlanDocument.render(hotfix("project: shop\n", List.of(), List.of(fix)));

        assertThat(md)
                .contains("### Breaking Changes\n\n- **&lt;b>ui&lt;/b>:** &lt;img src=x onerror=alert(1)>"
                        + " \\[click\\](javascript:alert(1)) (#20) (0123456)\n"
                        + "  - \\# Heading \\| a \\| b \\| \\|---\\|---\\|\n")
                .doesNotContain("<img", "<b>", "[click]");
    }
}
