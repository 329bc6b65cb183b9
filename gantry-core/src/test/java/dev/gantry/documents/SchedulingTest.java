package dev.gantry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.Milestone;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.plan.Windows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private Plan load(String yaml) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, yaml);
        return PlanFile.load(file, true, PlugIns.registries());
    }

    private Windows weekendFreeze() throws Exception {
        return load("""
                windows:
                  freeze:
                    - { cron: "0 15 * * FRI", duration: 66h, zone: Europe/Berlin, reason: weekend }
                """)
                .windows();
    }

    @Test
    void anOpenDayDeploysAtTenWithTheMilestonesCountedBack() throws Exception {
        PlannedRelease.Schedule s = Scheduling.place(LocalDate.of(2026, 3, 19), weekendFreeze(), BERLIN);

        assertThat(s.deployAt().toString()).isEqualTo("2026-03-19T10:00+01:00[Europe/Berlin]");
        assertThat(s.timeline().get(Milestone.READINESS).toString()).isEqualTo("2026-03-16T10:00+01:00[Europe/Berlin]");
        assertThat(s.timeline().get(Milestone.STAGING).toString()).isEqualTo("2026-03-18T10:00+01:00[Europe/Berlin]");
        assertThat(s.timeline().get(Milestone.GO_NO_GO).toString()).isEqualTo("2026-03-19T06:00+01:00[Europe/Berlin]");
        assertThat(s.timeline().get(Milestone.DEPLOYMENT)).isEqualTo(s.deployAt());
        assertThat(s.timeline().get(Milestone.POST_DEPLOYMENT).toString())
                .isEqualTo("2026-03-19T12:00+01:00[Europe/Berlin]");
        assertThat(s.timeline().keySet()).containsExactly(Milestone.values());
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void aMilestoneInsideAFreezeStaysWhereItIsWithANote() throws Exception {
        // Readiness three days before a Wednesday is a Sunday.
        PlannedRelease.Schedule s = Scheduling.place(LocalDate.of(2026, 3, 18), weekendFreeze(), BERLIN);

        assertThat(s.timeline().get(Milestone.READINESS).toString()).isEqualTo("2026-03-15T10:00+01:00[Europe/Berlin]");
        assertThat(s.notes())
                .containsExactly("pre-release readiness (Sun 2026-03-15 10:00) falls inside freeze \"weekend\"");
    }

    @Test
    void aSaturdayMovesToTheEndOfTheFreezeAndFlagsTheMilestonesInsideIt() throws Exception {
        PlannedRelease.Schedule s = Scheduling.place(LocalDate.of(2026, 3, 21), weekendFreeze(), BERLIN);

        assertThat(s.deployAt().toString()).isEqualTo("2026-03-23T09:00+01:00[Europe/Berlin]");
        assertThat(s.notes())
                .containsExactly(
                        "moved from 2026-03-21 10:00 to 2026-03-23 09:00: inside freeze \"weekend\"",
                        "staging deployment (Sun 2026-03-22 09:00) falls inside freeze \"weekend\"",
                        "go/no-go decision (Mon 2026-03-23 05:00) falls inside freeze \"weekend\"");
    }

    @Test
    void daysBeforeTheDeployAreCalendarDaysAcrossTheClockChange() throws Exception {
        // Berlin moves to summer time on 2026-03-29: three days before Monday 10:00 is still Friday 10:00.
        PlannedRelease.Schedule s = Scheduling.place(LocalDate.of(2026, 3, 30), Windows.NONE, BERLIN);

        assertThat(s.deployAt().toString()).isEqualTo("2026-03-30T10:00+02:00[Europe/Berlin]");
        assertThat(s.timeline().get(Milestone.READINESS).toString()).isEqualTo("2026-03-27T10:00+01:00[Europe/Berlin]");
        assertThat(s.timeline().get(Milestone.STAGING).toString()).isEqualTo("2026-03-29T10:00+02:00[Europe/Berlin]");
    }

    @Test
    void outsideTheAllowedWindowsTheDeployWaitsForTheNextOne() throws Exception {
        Windows windows =
                load("""
                windows:
                  allow:
                    - { cron: "0 13 * * MON-THU", duration: 3h, zone: Europe/Berlin }
                """)
                        .windows();

        PlannedRelease.Schedule s = Scheduling.place(LocalDate.of(2026, 3, 20), windows, BERLIN);

        assertThat(s.deployAt().toString()).isEqualTo("2026-03-23T13:00+01:00[Europe/Berlin]");
        assertThat(s.notes())
                .containsExactly("moved from 2026-03-20 10:00 to 2026-03-23 13:00: outside the allowed deploy windows");
    }

    @Test
    void aFreezeWithoutReasonIsNamedByItsCron() throws Exception {
        Windows windows =
                load("""
                windows:
                  freeze:
                    - { cron: "0 0 * * *", duration: 12h }
                """)
                        .windows();

        PlannedRelease.Schedule s = Scheduling.place(LocalDate.of(2026, 3, 20), windows, ZoneOffset.UTC);

        assertThat(s.deployAt().toString()).isEqualTo("2026-03-20T12:00Z");
        assertThat(s.notes())
                .first()
                .isEqualTo("moved from 2026-03-20 10:00 to 2026-03-20 12:00: inside freeze \"0 0 * * *\"");
    }

    @Test
    void aDeployWithNoOpenTimeWithinAYearStaysAndSaysSo() throws Exception {
        // February 30th never comes, so the only allowed window never opens.
        Windows windows =
                load("""
                windows:
                  allow:
                    - { cron: "0 10 29 2 *", duration: 1h }
                """)
                        .windows();

        PlannedRelease.Schedule s = Scheduling.place(LocalDate.of(2026, 3, 20), windows, ZoneOffset.UTC);

        assertThat(s.deployAt().toString()).isEqualTo("2026-03-20T10:00Z");
        assertThat(s.notes())
                .containsExactly("2026-03-20 10:00 is outside the allowed deploy windows and no deploy window opens"
                        + " within a year after it");
    }

    @Test
    void theZoneIsTheFirstWindowsElseUtc() throws Exception {
        assertThat(
                        Scheduling.zone(
                                load(
                                        """
                windows:
                  allow:
                    - { cron: "0 9 * * MON", duration: 8h, zone: Asia/Tokyo }
                  freeze:
                    - { cron: "0 15 * * FRI", duration: 66h, zone: America/New_York }
                """)))
                .isEqualTo(ZoneId.of("America/New_York"));
        assertThat(Scheduling.zone(load("project: shop\n"))).isEqualTo(ZoneId.of("UTC"));
    }
}
