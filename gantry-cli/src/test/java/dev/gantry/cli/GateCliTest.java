package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init, plan check, gate, approve and approvals run as a user would, on a real repository and store. */
class GateCliTest {

    @TempDir
    Path dir;

    private static final String PLAN =
            """
            project: shop
            people:
              - { name: Mark Liu, roles: [release-manager, tech-lead] }
              - { name: Linh Vo, roles: [qa] }
              - { name: Sam Park, roles: [qa, tech-lead] }
              - { name: Test Author, roles: [tech-lead] }
            environments:
              - { name: staging, id: DEP-001, owner: tech-lead }
              - { name: production, id: DEP-002, owner: tech-lead, requires: [staging] }
            criteria:
              - { id: DEP-010, title: Approved, check: { type: approvals }, owner: qa, category: operational, links: [EPIC-01] }
              - { id: DEP-011, title: Untagged, check: { type: git, tagAbsent: true }, owner: qa, category: operational, links: [EPIC-01] }
              - id: DEP-012
                title: Changelog has the release
                check: { type: file, path: CHANGELOG.md, section: "{version}" }
                blocker: false
                owner: qa
                category: documentation
                links: [EPIC-01]
            rollback:
              - { id: DEP-020, metric: error_rate, threshold: "> 2%", for: 5m, procedure: [Traffic back], notification: ["#incidents"], owner: tech-lead }
            validation:
              - { id: DEP-030, title: Smoke, owner: qa }
            approvals:
              separateApprover: true
              major: [tech-lead, qa]
              minor: [tech-lead, qa]
              hotfix: [tech-lead, qa]
            """;

    private GitFixture repository() throws Exception {
        GitFixture git = GitFixture.init(dir).commit("fix: a").tag("v2.3.0").commit("fix(auth): reset token expiry");
        Files.writeString(dir.resolve("gantry.yaml"), PLAN);
        return git;
    }

    @Test
    void initWritesAStarterPlanOnceAndIgnoresTheState() throws Exception {
        GitFixture.init(dir).commit("feat: a");
        GantryProcess.Result first = GantryProcess.run(dir, "init");
        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).contains("wrote ").contains("gantry.yaml");
        assertThat(Files.readString(dir.resolve("gantry.yaml")))
                .contains("threshold: \"> 2%\"")
                .contains("for: 5m");
        assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo(".gantry/state/\n");
        Files.writeString(dir.resolve("gantry.yaml"), "project: mine\n");

        GantryProcess.Result second = GantryProcess.run(dir, "init");
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).contains("already exists; gantry init never overwrites a plan");
        assertThat(Files.readString(dir.resolve("gantry.yaml"))).isEqualTo("project: mine\n");
        assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo(".gantry/state/\n");
    }

    @Test
    void planCheckExitCodesSayCleanWarningsOrErrors() throws Exception {
        repository();
        GantryProcess.Result clean = GantryProcess.run(dir, "plan", "check");
        assertThat(clean.out()).isEmpty();
        assertThat(clean.exitCode()).isZero();

        Files.writeString(
                dir.resolve("gantry.yaml"),
                PLAN.replace("owner: tech-lead, requires: [staging]", "requires: [staging]"));
        GantryProcess.Result warnings = GantryProcess.run(dir, "plan", "check");
        assertThat(warnings.exitCode()).isEqualTo(8);
        assertThat(warnings.out())
                .isEqualTo("gantry.yaml:9:5: warning [owner-missing] DEP-002: no owner: unclear ownership,"
                        + " nobody knows who verifies it; add owner: NAME or ROLE\n");

        Files.writeString(
                dir.resolve("gantry.yaml"),
                PLAN.replace("validation:\n  - { id: DEP-030, title: Smoke, owner: qa }\n", ""));
        GantryProcess.Result errors = GantryProcess.run(dir, "plan", "check", "--json");
        assertThat(errors.exitCode()).isEqualTo(2);
        JsonNode finding =
                new ObjectMapper().readTree(errors.out()).get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("no-validation");
        assertThat(finding.get("level").asText()).isEqualTo("error");

        Files.writeString(dir.resolve("gantry.yaml"), PLAN.replace("threshold: \"> 2%\"", "treshold: \"> 2%\""));
        GantryProcess.Result invalid = GantryProcess.run(dir, "plan", "check");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.out())
                .startsWith("gantry.yaml:21:40: error [invalid] rollback[0].treshold: unknown key"
                        + " \"treshold\"; did you mean \"threshold\"?");
    }

    @Test
    void theGateIsNoGoUntilEveryRoleApprovedThisCommit() throws Exception {
        GitFixture git = repository();
        GantryProcess.Result noGo = GantryProcess.run(dir, "gate", "production");
        assertThat(noGo.exitCode()).isEqualTo(4);
        assertThat(noGo.out())
                .startsWith("NO-GO  production · 2.3.1 (patch) · commit ")
                .contains("DEP-010 Approved")
                .contains("tech-lead: missing; qa: missing");
        Path document = dir.resolve(".gantry/releases/v2.3.1/gate-production.md");
        assertThat(Files.readString(document)).contains("| Decision | **NO-GO** |");

        assertThat(GantryProcess.run(dir, "approve", "--role", "qa", "--as", "Linh Vo")
                        .exitCode())
                .isZero();
        GantryProcess.Result own = GantryProcess.run(dir, "approve", "--role", "tech-lead", "--as", "Test Author");
        assertThat(own.exitCode()).isEqualTo(2);
        assertThat(own.err()).contains("is an author of this release");
        GantryProcess.Result twice = GantryProcess.run(dir, "approve", "--role", "tech-lead", "--as", "Linh Vo");
        assertThat(twice.err()).contains("Linh Vo does not hold the role tech-lead");
        assertThat(GantryProcess.run(dir, "approvals").exitCode()).isEqualTo(7);
        assertThat(GantryProcess.run(dir, "approve", "--role", "tech-lead", "--as", "Sam Park", "--comment", "ok")
                        .exitCode())
                .isZero();

        GantryProcess.Result approvals = GantryProcess.run(dir, "approvals");
        assertThat(approvals.exitCode()).isZero();
        assertThat(approvals.out()).contains("qa         given  Linh Vo").contains("tech-lead  given  Sam Park");

        GantryProcess.Result go = GantryProcess.run(dir, "gate", "production", "--json");
        assertThat(go.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(go.out());
        assertThat(json.get("decision").asText()).isEqualTo("GO");
        assertThat(json.get("criteria").get(2).get("status").asText()).isEqualTo("Unmet");
        assertThat(json.get("criteria").get(2).get("blocker").asBoolean()).isFalse();

        git.commit("fix: one more");
        GantryProcess.Result moved = GantryProcess.run(dir, "gate", "production", "--version", "2.3.1");
        assertThat(moved.exitCode())
                .as("approvals of the earlier commit do not count")
                .isEqualTo(4);
    }

    @Test
    void overridesNeedAnOverridingRoleAndAReason() throws Exception {
        repository();
        GantryProcess.Result refused = GantryProcess.run(
                dir, "gate", "production", "--override", "DEP-010", "--as", "Linh Vo", "--reason", "r");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("Linh Vo holds qa; overriding needs one of: release-manager");
        assertThat(dir.resolve(".gantry/releases/v2.3.1/gate-production.md")).doesNotExist();

        GantryProcess.Result overridden = GantryProcess.run(
                dir,
                "gate",
                "production",
                "--override",
                "DEP-010",
                "--as",
                "Mark Liu",
                "--reason",
                "QA signed off on paper");
        assertThat(overridden.exitCode()).isZero();
        assertThat(overridden.out()).startsWith("GO-with-override").contains("Unmet (overridden)");
        assertThat(Files.readString(dir.resolve(".gantry/releases/v2.3.1/gate-production.md")))
                .contains("| DEP-010 | Mark Liu | release-manager | QA signed off on paper |");
    }

    @Test
    void anUnknownEnvironmentIsRefused() throws Exception {
        repository();
        GantryProcess.Result result = GantryProcess.run(dir, "gate", "prod");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown environment \"prod\"; the plan has: staging, production");
    }

    @Test
    void theSameGateGivesTheSameDocumentByteForByte() throws Exception {
        repository();
        GantryProcess.Result first =
                GantryProcess.runWith(dir, java.util.Map.of("SOURCE_DATE_EPOCH", "1773993600"), "gate", "staging");
        String once = Files.readString(dir.resolve(".gantry/releases/v2.3.1/gate-staging.md"));
        GantryProcess.Result second =
                GantryProcess.runWith(dir, java.util.Map.of("SOURCE_DATE_EPOCH", "1773993600"), "gate", "staging");
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(Files.readString(dir.resolve(".gantry/releases/v2.3.1/gate-staging.md")))
                .isEqualTo(once)
                .contains("2026-03-20T08:00:00Z");
    }

    @Test
    void planWritesTheDocumentsAndMovesTheDateOutOfAFreeze() throws Exception {
        repository();
        Files.writeString(
                dir.resolve("gantry.yaml"),
                PLAN
                        + """
                windows:
                  freeze:
                    - { cron: "0 15 * * FRI", duration: 66h, zone: Europe/Berlin, reason: weekend }
                """);
        GantryProcess.Result result = GantryProcess.run(dir, "plan", "--date", "2026-03-28", "--as", "Mark Liu");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(".gantry/releases/v2.3.1\n");
        assertThat(result.err()).contains("note: moved from");
        Path releases = dir.resolve(".gantry/releases/v2.3.1");
        assertThat(Files.readString(releases.resolve("release-plan.md")))
                .startsWith("# Release Plan: v2.3.1")
                .contains("Mon 2026-03-30");
        assertThat(Files.readString(releases.resolve("deps.md"))).contains("DEP-020");
        assertThat(Files.readString(releases.resolve("checklist.md"))).contains("machine: DEP-010 (approvals)");

        GantryProcess.Result own = GantryProcess.run(dir, "approve", "--role", "tech-lead", "--as", "Mark Liu");
        assertThat(own.err())
                .as("who planned the release is an author")
                .contains("Mark Liu is an author of this release");
    }

    @Test
    void checklistShowsTicksAndTheLastGate() throws Exception {
        repository();
        assertThat(GantryProcess.run(dir, "gate", "production").exitCode()).isEqualTo(4);
        GantryProcess.Result tick =
                GantryProcess.run(dir, "tick", "backup", "--as", "Linh Vo", "--note", "snapshot 42");
        assertThat(tick.exitCode()).isZero();
        assertThat(GantryProcess.run(dir, "tick", "backup", "--as", "Nobody").err())
                .contains("\"Nobody\" is not in the plan's people");
        assertThat(GantryProcess.run(dir, "tick", "DEP-010", "--as", "Linh Vo").err())
                .contains("DEP-010 is checked by a machine");
        assertThat(GantryProcess.run(dir, "tick", "bakup", "--as", "Linh Vo").err())
                .contains("no checklist item \"bakup\"");
        GantryProcess.Result escape =
                GantryProcess.run(dir, "tick", "backup", "--as", "Linh Vo", "--note", "n\u001b[2Jm");
        assertThat(escape.exitCode()).isEqualTo(2);
        assertThat(escape.err())
                .contains(
                        "--note takes one line of text without control, bidi or invisible formatting characters; found U+001B ESCAPE");
        assertThat(GantryProcess.run(dir, "notes", "--write").exitCode()).isZero();

        GantryProcess.Result checklist = GantryProcess.run(dir, "checklist");
        assertThat(checklist.exitCode()).isZero();
        assertThat(checklist.out())
                .contains("- [x] **Backup**")
                .contains("ticked by Linh Vo")
                .contains("snapshot 42")
                .contains("- [x] **Release notes** — notable changes, migration steps and known issues drafted"
                        + " · manual (`release-notes`) · done by Gantry: written to .gantry/releases/v2.3.1/notes.md"
                        + " (gantry notes by Test Author, ")
                .contains("- [ ] **Deploy to staging**")
                .contains("machine: DEP-010 (approvals) · Unmet: tech-lead: missing; qa: missing");
    }
}
