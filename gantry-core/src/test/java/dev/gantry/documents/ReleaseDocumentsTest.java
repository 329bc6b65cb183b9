package dev.gantry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.changelog.Entry;
import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.store.Approval;
import dev.gantry.store.Tick;
import dev.gantry.testing.Golden;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documents of whole releases against the expected files in {@code src/test/resources/documents}. */
class ReleaseDocumentsTest {

    private static final Path DOCUMENTS = Path.of("src/test/resources/documents");
    private static final String COMMIT = "9c4e1b7a2d3f4e5a6b7c8d9e0f1a2b3c4d5e6f70";

    @TempDir
    Path dir;

    /** The plan file of a release, loaded from a copy as {@code gantry plan} loads the user's. */
    private Plan plan(String release) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.copy(DOCUMENTS.resolve(release).resolve("gantry.yaml"), file);
        return PlanFile.load(file, true, PlugIns.registries());
    }

    private static Entry entry(String type, String scope, String description, String hash, String... references) {
        return new Entry(type, Optional.ofNullable(scope), description, false, List.of(), hash, List.of(references));
    }

    /** The one-page checklist's worked example: patch v2.3.1 on Friday 2026-03-20, half signed off, half ticked. */
    private PlannedRelease patch231(Plan plan) {
        ReleaseChanges changes = new ReleaseChanges(
                "2.3.1",
                LocalDate.of(2026, 3, 20),
                Optional.of("v2.3.0"),
                Optional.of("v2.3.1"),
                List.of(
                        entry("fix", "auth", "expire reset tokens after RESET_TOKEN_TTL", "3f2a9c1e77aa", "#231"),
                        entry("fix", "auth", "send one reset email per request", "b81d0e4c1234", "#228"),
                        entry("perf", "db", "index reset token lookups", "e0c5a7d9ffee"),
                        entry("docs", null, "document RESET_TOKEN_TTL", "5d6e7f8a9b0c")));
        return PlannedRelease.of(
                Version.parse("2.3.1"),
                ReleaseType.PATCH,
                Scheduling.place(LocalDate.of(2026, 3, 20), plan.windows(), Scheduling.zone(plan)),
                changes,
                plan,
                List.of(new Approval(
                        "2.3.1",
                        COMMIT,
                        "tech-lead",
                        "Priya Shah",
                        "looks good",
                        Instant.parse("2026-03-19T08:30:00Z"))));
    }

    @Test
    void theWorkedPatchReleaseMatchesItsDocuments() throws Exception {
        Plan plan = plan("v2.3.1");
        PlannedRelease release = patch231(plan);
        Checklist checklist = Checklist.of(plan, "production")
                .withState(
                        Map.of(
                                "DEP-015",
                                new CriterionState(
                                        "DEP-015",
                                        Status.UNMET,
                                        "tech-lead: Priya Shah; qa: missing (commit 9c4e1b7)",
                                        Instant.parse("2026-03-19T14:00:00Z"))),
                        List.of(
                                new Tick(
                                        "2.3.1",
                                        "ci",
                                        "Mark Liu",
                                        "green on release/2.3.1",
                                        Instant.parse("2026-03-17T09:10:00Z")),
                                new Tick(
                                        "2.3.1",
                                        "DEP-010",
                                        "Linh Vo",
                                        "847 tests pass (2 skipped, known flaky)",
                                        Instant.parse("2026-03-17T11:00:00Z")),
                                new Tick("2.3.1", "DEP-040", "Mark Liu", null, Instant.parse("2026-03-17T13:00:00Z"))));

        assertThat(ReleasePlanDocument.render(release))
                .isEqualTo(golden("v2.3.1/release-plan.md", ReleasePlanDocument.render(release)));
        assertThat(ChecklistDocument.render(checklist, release))
                .isEqualTo(golden("v2.3.1/checklist.md", ChecklistDocument.render(checklist, release)));
        assertThat(DepsDocument.render(plan)).isEqualTo(golden("v2.3.1/deps.md", DepsDocument.render(plan)));
    }

    @Test
    void aMajorReleaseOnASaturdayMovesOutOfTheFreezeAndSaysSo() throws Exception {
        Plan plan = plan("v3.0.0");
        ReleaseChanges changes = new ReleaseChanges(
                "3.0.0",
                LocalDate.of(2026, 3, 23),
                Optional.of("v2.9.4"),
                Optional.of("v3.0.0"),
                List.of(
                        new Entry(
                                "feat",
                                Optional.of("search"),
                                "search by tag",
                                true,
                                List.of("The /v1/search endpoint is removed; use /v2/search."),
                                "aa11bb22cc33",
                                List.of("#301")),
                        entry("feat", "cart", "save carts across devices", "dd44ee55ff66", "#288"),
                        entry("fix", "cart", "keep the coupon when carts merge", "0123456789ab"),
                        entry("revert", null, "one-click checkout", "fedcba987654"),
                        entry("chore", "deps", "bump jackson", "abcabcabcabc")));
        PlannedRelease release = PlannedRelease.of(
                Version.parse("3.0.0"),
                ReleaseType.MAJOR,
                Scheduling.place(LocalDate.of(2026, 3, 21), plan.windows(), Scheduling.zone(plan)),
                changes,
                plan,
                List.of());
        Checklist checklist = Checklist.of(plan, "production");

        assertThat(release.deployAt().toString()).isEqualTo("2026-03-23T09:00+01:00[Europe/Berlin]");
        assertThat(ReleasePlanDocument.render(release))
                .isEqualTo(golden("v3.0.0/release-plan.md", ReleasePlanDocument.render(release)));
        assertThat(ChecklistDocument.render(checklist, release))
                .isEqualTo(golden("v3.0.0/checklist.md", ChecklistDocument.render(checklist, release)));
        assertThat(DepsDocument.render(plan)).isEqualTo(golden("v3.0.0/deps.md", DepsDocument.render(plan)));
    }

    @Test
    void theSameReleaseGivesTheSameBytes() throws Exception {
        Plan first = plan("v2.3.1");
        String plan1 = ReleasePlanDocument.render(patch231(first));
        String checklist1 = ChecklistDocument.render(Checklist.of(first, "production"), patch231(first));
        String deps1 = DepsDocument.render(first);
        Files.delete(dir.resolve("gantry.yaml"));
        Plan second = plan("v2.3.1");

        assertThat(ReleasePlanDocument.render(patch231(second))).isEqualTo(plan1);
        assertThat(ChecklistDocument.render(Checklist.of(second, "production"), patch231(second)))
                .isEqualTo(checklist1);
        assertThat(DepsDocument.render(second)).isEqualTo(deps1);
    }

    private static String golden(String name, String actual) throws Exception {
        return Golden.expected("documents/" + name, actual);
    }
}
