package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.gate.Checks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan with many different mistakes gets one error for each, at the mistake's own line and column. */
class PlanMistakesTest {

    @TempDir
    Path dir;

    @Test
    void anEnvironmentNameLongerThanOneDnsLabelIsRefusedWithoutEchoingIt() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, "environments:\n  - name: " + "a".repeat(64) + "\n  - name: " + "b".repeat(63) + "\n");

        assertThatThrownBy(() -> PlanFile.load(file, true, PlugIns.registries()))
                .isInstanceOfSatisfying(PlanException.class, e -> assertThat(
                                e.errors().stream().map(PlanError::toString).toList())
                        .containsExactly("gantry.yaml:2:11: environments[0].name: environment name must be at most 63"
                                + " characters, got one of 64"));
    }

    @Test
    void twentyTwoMistakesGiveTwentyTwoPositionedErrors() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(
                file,
                """
                enviroments: []
                environments:
                  - name: Staging Env
                  - name: production
                    production: maybe
                    infrastucture: AWS
                criteria:
                  - id: DEP-2
                    title: Tests pass
                  - id: DEP-003
                    title: Scan clean
                    blocker: "yes"
                    category: speed
                  - id: DEP-004
                    title: Approved
                    check: { kind: approvals }
                  - id: DEP-005
                    title: Approved twice
                    check: { type: aprovals }
                  - id: DEP-006
                rollback:
                  - id: DEP-010
                    threshold: over 2
                    for: 5 minutes
                    severity: critical
                    procedure: { first: call someone }
                validation:
                  - id: DEP-020
                    title: Smoke
                    escalation: panic
                    method: robot
                steps:
                  - { id: DEP-030, title: Backup, at: lunch }
                people:
                  - { name: Mark Liu, roles: { lead: yes } }
                approvals:
                  separateApprover: sure
                windows:
                  freeze:
                    - { cron: "0 15 * * FRI", duration: 66h, zone: Mars/Olympus }
                    - { cron: every friday, duration: 66h }
                flags:
                  - { name: NEW_CHECKOUT, type: temporary }
                """);

        assertThatThrownBy(() -> PlanFile.load(file, true, PlugIns.registries()))
                .isInstanceOfSatisfying(PlanException.class, e -> assertThat(
                                e.errors().stream().map(PlanError::toString).toList())
                        .containsExactly(expected()));
    }

    private static String[] expected() {
        return List.of(
                        "gantry.yaml:1:1: enviroments: unknown key \"enviroments\"; did you mean \"environments\"?",
                        "gantry.yaml:3:11: environments[0].name: environment name must be lower-case letters, digits,"
                                + " \".\", \"_\" or \"-\", got \"Staging Env\"",
                        "gantry.yaml:5:17: environments[1].production: expected true or false, got \"maybe\"",
                        "gantry.yaml:6:5: environments[1].infrastucture: unknown key \"infrastucture\"; did you mean"
                                + " \"infrastructure\"?",
                        "gantry.yaml:8:9: criteria[0].id: expected an id like DEP-001, got \"DEP-2\"",
                        "gantry.yaml:12:14: criteria[1].blocker: expected true or false, got \"yes\"",
                        "gantry.yaml:13:15: criteria[1].category: expected one of functional, performance, security,"
                                + " operational, documentation, got \"speed\"",
                        "gantry.yaml:16:12: criteria[2].check: missing required key \"type\"; one of: "
                                + String.join(", ", new Checks().variants().keySet()),
                        "gantry.yaml:19:20: criteria[3].check.type: unknown type \"aprovals\"; did you mean"
                                + " \"approvals\"?",
                        "gantry.yaml:20:5: criteria[4]: missing required key \"title\"",
                        "gantry.yaml:23:16: rollback[0].threshold: expected a threshold like \"> 2%\", \"> 500ms\","
                                + " \"< 99.9%\" or \"> 1.5x baseline\", got \"over 2\"",
                        "gantry.yaml:24:10: rollback[0].for: expected a duration like 90s, 5m, 2h, 1d or 1h30m, got"
                                + " \"5 minutes\"",
                        "gantry.yaml:25:15: rollback[0].severity: expected one of hard, soft, got \"critical\"",
                        "gantry.yaml:26:16: rollback[0].procedure: expected a list, got a mapping",
                        "gantry.yaml:30:17: validation[0].escalation: expected one of rollback, pause, notify, got"
                                + " \"panic\"",
                        "gantry.yaml:31:13: validation[0].method: expected one of automated, manual, both, got"
                                + " \"robot\"",
                        "gantry.yaml:33:39: steps[0].at: expected one of readiness, staging, go-no-go, deployment,"
                                + " post-deployment, got \"lunch\"",
                        "gantry.yaml:35:30: people[0].roles: expected a list, got a mapping",
                        "gantry.yaml:37:21: approvals.separateApprover: expected true or false, got \"sure\"",
                        "gantry.yaml:40:52: windows.freeze[0].zone: expected a time zone such as Europe/Berlin or"
                                + " UTC, got \"Mars/Olympus\"",
                        "gantry.yaml:41:15: windows.freeze[1].cron: expected five cron fields (minute hour day-of-month"
                                + " month day-of-week) such as \"0 15 * * FRI\", got \"every friday\" (2 fields)",
                        "gantry.yaml:43:33: flags[0].type: expected one of release, operational, permission,"
                                + " experiment, kill-switch, got \"temporary\"")
                .toArray(String[]::new);
    }
}
