package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freezes and allowed windows together, across zones, and as the plan file declares them. */
class WindowsTest {

    private static final Schedule WEEKEND =
            new Schedule("0 15 * * FRI", Duration.ofHours(66), "Europe/Berlin", "weekend");
    private static final Schedule BUSINESS =
            new Schedule("0 9 * * MON-FRI", Duration.ofHours(8), "America/New_York", "business hours");

    @TempDir
    Path dir;

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void noWindowsIsAlwaysOpen() {
        assertThat(Windows.NONE.open(at("2026-03-28T12:00:00Z"))).isTrue();
        assertThat(Windows.NONE.nextOpen(at("2026-03-28T12:00:00Z"))).contains(at("2026-03-28T12:00:00Z"));
    }

    @Test
    void aFreezeOpensAtItsEndOnTheZonesClock() {
        Windows windows = new Windows(List.of(WEEKEND), null);
        assertThat(windows.open(at("2026-03-27T13:59:59Z"))).isTrue();
        assertThat(windows.freezeAt(at("2026-03-27T14:00:00Z"))).isPresent();
        assertThat(windows.open(at("2026-03-27T14:00:00Z"))).isFalse();
        assertThat(windows.nextOpen(at("2026-03-28T12:00:00Z"))).contains(at("2026-03-30T07:00:00Z"));
        assertThat(windows.nextOpen(at("2026-10-24T12:00:00Z"))).contains(at("2026-10-26T08:00:00Z"));
        assertThat(windows.open(at("2026-03-30T07:00:00Z"))).isTrue();
    }

    @Test
    void allowedWindowsAloneOpenAtTheirNextStart() {
        Windows windows = new Windows(null, List.of(BUSINESS));
        assertThat(windows.open(at("2026-03-09T12:59:59Z"))).isFalse();
        assertThat(windows.open(at("2026-03-09T13:00:00Z"))).isTrue();
        assertThat(windows.allowedAt(at("2026-03-09T13:00:00Z")).orElseThrow().schedule())
                .isSameAs(BUSINESS);
        assertThat(windows.nextOpen(at("2026-03-07T12:00:00Z"))).contains(at("2026-03-09T13:00:00Z"));
        assertThat(windows.nextOpen(at("2026-03-06T21:59:59Z"))).contains(at("2026-03-06T21:59:59Z"));
        assertThat(windows.nextOpen(at("2026-03-06T22:00:00Z"))).contains(at("2026-03-09T13:00:00Z"));
    }

    @Test
    void aBerlinFreezeCutsANewYorkDayShortInTheWeeksTheZonesDisagree() {
        // On 20 March 2026 New York is on summer time and Berlin is not: 09:00 EDT is 13:00 UTC, 15:00 CET 14:00 UTC.
        Windows windows = new Windows(List.of(WEEKEND), List.of(BUSINESS));
        assertThat(windows.open(at("2026-03-20T12:59:59Z"))).isFalse();
        assertThat(windows.open(at("2026-03-20T13:00:00Z"))).isTrue();
        assertThat(windows.open(at("2026-03-20T13:59:59Z"))).isTrue();
        assertThat(windows.open(at("2026-03-20T14:00:00Z"))).isFalse();
        // The freeze ends on Monday at 09:00 CET (08:00 UTC); New York opens at 09:00 EDT (13:00 UTC).
        assertThat(windows.nextOpen(at("2026-03-20T14:30:00Z"))).contains(at("2026-03-23T13:00:00Z"));
    }

    @Test
    void anAllowedWindowThatStartsInsideAFreezeOpensWhenTheFreezeEnds() {
        Schedule early = new Schedule("0 6 * * MON", Duration.ofHours(6), "Europe/Berlin", "monday morning");
        Windows windows = new Windows(List.of(WEEKEND), List.of(early));
        assertThat(windows.nextOpen(at("2026-03-28T12:00:00Z"))).contains(at("2026-03-30T07:00:00Z"));
    }

    @Test
    void aYearEndFreezeOpensInTheNewYear() {
        Schedule holidays = new Schedule("0 0 20 12 *", Duration.ofDays(14), "Europe/Berlin", "holidays");
        Windows windows = new Windows(List.of(holidays), null);
        assertThat(windows.freezeAt(at("2026-12-31T23:30:00Z"))).isPresent();
        assertThat(windows.nextOpen(at("2026-12-25T00:00:00Z"))).contains(at("2027-01-02T23:00:00Z"));
        assertThat(windows.open(at("2026-12-19T22:59:59Z"))).isTrue();
        assertThat(windows.open(at("2026-12-19T23:00:00Z"))).isFalse();
    }

    @Test
    void nothingOpenWithinAYearGivesNoTime() {
        Schedule always = new Schedule("0 0 * * *", Duration.ofHours(25), "UTC", "always");
        assertThat(new Windows(List.of(always), null).nextOpen(at("2026-01-01T12:00:00Z")))
                .isEmpty();
    }

    @Test
    void thePlanFileDeclaresThem() throws Exception {
        Plan plan = load(
                """
                windows:
                  freeze:
                    - cron: "0 15 * * FRI"
                      duration: 66h
                      zone: Europe/Berlin
                      reason: weekend
                  allow:
                    - { cron: "0 9 * * MON-FRI", duration: 8h, zone: America/New_York, reason: business hours }
                """);
        assertThat(plan.windows().freeze()).containsExactly(WEEKEND);
        assertThat(plan.windows().allow()).containsExactly(BUSINESS);
    }

    @Test
    void badCronZoneAndDurationArePlanErrorsAtTheirValues() throws Exception {
        assertThat(
                        errors(
                                """
                        windows:
                          freeze:
                            - cron: "0 15 * *"
                              duration: 66h
                            - cron: "0 15 * * FRI"
                              duration: 66h
                              zone: Europe/Berln
                          allow:
                            - { cron: "0 9 * * MON-FRI", duration: 0s }
                        """))
                .containsExactly(
                        "gantry.yaml:3:13: windows.freeze[0].cron: expected five cron fields (minute hour"
                                + " day-of-month month day-of-week) such as \"0 15 * * FRI\", got \"0 15 * *\""
                                + " (4 fields)",
                        "gantry.yaml:7:13: windows.freeze[1].zone: expected a time zone such as Europe/Berlin"
                                + " or UTC, got \"Europe/Berln\"",
                        "gantry.yaml:9:44: windows.allow[0].duration: a window needs a duration above zero");
    }

    @Test
    void cronAndDurationAreRequired() throws Exception {
        assertThat(
                        errors(
                                """
                        windows:
                          freeze:
                            - { zone: UTC }
                        """))
                .containsExactly(
                        "gantry.yaml:3:7: windows.freeze[0]: missing required key \"cron\"",
                        "gantry.yaml:3:7: windows.freeze[0]: missing required key \"duration\"");
    }

    private Plan load(String yaml) throws Exception {
        return PlanText.load(dir, yaml);
    }

    private List<String> errors(String yaml) throws Exception {
        return PlanText.errors(dir, yaml);
    }
}
