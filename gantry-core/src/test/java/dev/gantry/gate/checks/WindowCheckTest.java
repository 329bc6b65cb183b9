package dev.gantry.gate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window check against plans read from real plan files, at fixed instants. */
class WindowCheckTest {

    private static final String WEEKEND_FREEZE =
            """
            criteria:
              - id: DEP-015
                title: Outside freeze windows
                check: { type: window }
            windows:
              freeze:
                - cron: "0 15 * * FRI"
                  duration: 66h
                  zone: Europe/Berlin
                  reason: weekend
            """;
    private static final String BUSINESS_HOURS =
            """
              allow:
                - { cron: "0 9 * * MON-FRI", duration: 8h, zone: America/New_York, reason: business hours }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void repository() {
        GitFixture.init(dir.resolve("repo")).commit("feat: start");
    }

    private CheckResult at(String plan, String instant) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, plan);
        Plan loaded = PlanFile.load(file, true, PlugIns.registries());
        WindowCheck check = (WindowCheck) loaded.criteria().get(0).check();
        return check.evaluate(RepoChecksContext.in(dir.resolve("repo"))
                .plan(loaded)
                .now(instant)
                .build());
    }

    @Test
    void insideTheWeekendFreezeWhenTheClocksGoForward() throws Exception {
        CheckResult result = at(WEEKEND_FREEZE, "2026-03-28T12:00:00Z");
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("inside freeze \"weekend\" (Fri 2026-03-27 15:00 Europe/Berlin to Mon 2026-03-30 09:00),"
                        + " next open 2026-03-30T07:00:00Z");
        assertThat(result.facts()).containsEntry("nextOpen", "2026-03-30T07:00:00Z");
    }

    @Test
    void theFreezeStartsAndEndsToTheSecond() throws Exception {
        assertThat(at(WEEKEND_FREEZE, "2026-03-27T13:59:59Z").status()).isEqualTo(Status.MET);
        assertThat(at(WEEKEND_FREEZE, "2026-03-27T14:00:00Z").status()).isEqualTo(Status.UNMET);
        assertThat(at(WEEKEND_FREEZE, "2026-03-30T06:59:59Z").status()).isEqualTo(Status.UNMET);
        CheckResult open = at(WEEKEND_FREEZE, "2026-03-30T07:00:00Z");
        assertThat(open.status()).isEqualTo(Status.MET);
        assertThat(open.evidence()).isEqualTo("not in a freeze");
    }

    @Test
    void insideTheWeekendFreezeWhenTheClocksGoBack() throws Exception {
        assertThat(at(WEEKEND_FREEZE, "2026-10-25T01:30:00Z").evidence())
                .isEqualTo("inside freeze \"weekend\" (Fri 2026-10-23 15:00 Europe/Berlin to Mon 2026-10-26 09:00),"
                        + " next open 2026-10-26T08:00:00Z");
    }

    @Test
    void insideAnAllowedWindowAndNoFreeze() throws Exception {
        CheckResult result = at(WEEKEND_FREEZE + BUSINESS_HOURS, "2026-03-25T15:00:00Z");
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("not in a freeze; inside allowed window \"business hours\"");
        assertThat(result.details())
                .containsExactly("allowed window: Wed 2026-03-25 09:00 America/New_York to Wed 2026-03-25 17:00");
    }

    @Test
    void outsideTheAllowedWindowsSaysWhenTheyOpen() throws Exception {
        CheckResult result = at(WEEKEND_FREEZE + BUSINESS_HOURS, "2026-03-25T12:00:00Z");
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("outside the allowed windows (\"business hours\"), next open 2026-03-25T13:00:00Z");
    }

    @Test
    void theFreezeWinsOverAnAllowedWindow() throws Exception {
        // Friday 20 March: New York opened at 13:00 UTC, the Berlin freeze began at 14:00 UTC.
        CheckResult result = at(WEEKEND_FREEZE + BUSINESS_HOURS, "2026-03-20T14:30:00Z");
        assertThat(result.evidence())
                .isEqualTo("inside freeze \"weekend\" (Fri 2026-03-20 15:00 Europe/Berlin to Mon 2026-03-23 09:00),"
                        + " next open 2026-03-23T13:00:00Z");
    }

    @Test
    void aFreezeWithoutReasonIsNamedByItsCron() throws Exception {
        String plan =
                """
                criteria:
                  - { id: DEP-015, title: Not at night, check: { type: window } }
                windows:
                  freeze:
                    - { cron: "0 0 * * *", duration: 25h }
                """;
        assertThat(at(plan, "2026-06-01T12:00:00Z").evidence())
                .isEqualTo("inside freeze \"0 0 * * *\" (Mon 2026-06-01 00:00 UTC to Tue 2026-06-02 01:00),"
                        + " not open within a year");
    }

    @Test
    void noWindowsInThePlan() throws Exception {
        String plan =
                """
                criteria:
                  - { id: DEP-015, title: Outside freeze windows, check: { type: window } }
                """;
        CheckResult result = at(plan, "2026-03-28T12:00:00Z");
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("no windows in the plan");
    }

    @Test
    void describeSaysWhatIsChecked() {
        assertThat(new WindowCheck().describe())
                .isEqualTo("outside the plan's freeze windows and inside one of its allowed windows, if it has any");
    }
}
