package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Schedules against what a person reads off the zone's wall clock, at any second of 2026 and 2027 (four
 * daylight saving changes in each zone).
 */
class ScheduleProperties {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Schedule WEEKEND =
            new Schedule("0 15 * * FRI", Duration.ofHours(66), "Europe/Berlin", "weekend");
    private static final Schedule BUSINESS =
            new Schedule("0 9 * * MON-FRI", Duration.ofHours(8), "America/New_York", "business hours");
    private static final long FROM = 1767225600L; // 2026-01-01T00:00:00Z
    private static final long TO = 1830297600L; // 2028-01-01T00:00:00Z

    @Property(tries = 2000)
    void weekendFreezeIsFridayFifteenToMondayNineBerlinTime(@ForAll @LongRange(min = FROM, max = TO) long second) {
        Instant at = Instant.ofEpochSecond(second);
        ZonedDateTime local = at.atZone(BERLIN);
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        boolean frozen = day == DayOfWeek.FRIDAY && !time.isBefore(LocalTime.of(15, 0))
                || day == DayOfWeek.SATURDAY
                || day == DayOfWeek.SUNDAY
                || day == DayOfWeek.MONDAY && time.isBefore(LocalTime.of(9, 0));
        Optional<Schedule.Span> span = WEEKEND.spanAt(at);
        assertThat(span.isPresent()).as("frozen at %s", local).isEqualTo(frozen);
        span.ifPresent(s -> {
            ZonedDateTime start = s.start().atZone(BERLIN);
            ZonedDateTime end = s.end().atZone(BERLIN);
            assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
            assertThat(start.toLocalTime()).isEqualTo(LocalTime.of(15, 0));
            assertThat(end.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(end.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(Duration.between(
                            start.toLocalDate().atStartOfDay(),
                            end.toLocalDate().atStartOfDay()))
                    .isEqualTo(Duration.ofDays(3));
        });
        Instant next = WEEKEND.nextStart(at).orElseThrow();
        assertThat(next).isAfter(at);
        assertThat(next.atZone(BERLIN).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(next.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(15, 0));
        // A week on Berlin's wall clock: 169 or 167 elapsed hours in the weeks the clocks change.
        assertThat(Duration.between(local.toLocalDateTime(), next.atZone(BERLIN).toLocalDateTime()))
                .isLessThanOrEqualTo(Duration.ofDays(7));
    }

    @Property(tries = 2000)
    void businessHoursAreNineToFiveNewYorkTimeOnWeekdays(@ForAll @LongRange(min = FROM, max = TO) long second) {
        Instant at = Instant.ofEpochSecond(second);
        ZonedDateTime local = at.atZone(NEW_YORK);
        boolean weekday = local.getDayOfWeek() != DayOfWeek.SATURDAY && local.getDayOfWeek() != DayOfWeek.SUNDAY;
        LocalTime time = local.toLocalTime();
        boolean open = weekday && !time.isBefore(LocalTime.of(9, 0)) && time.isBefore(LocalTime.of(17, 0));
        assertThat(BUSINESS.spanAt(at).isPresent()).as("open at %s", local).isEqualTo(open);
        Windows windows = new Windows(null, List.of(BUSINESS));
        Instant nextOpen = windows.nextOpen(at).orElseThrow();
        assertThat(windows.open(nextOpen)).isTrue();
        if (open) assertThat(nextOpen).isEqualTo(at);
        else assertThat(nextOpen.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    }
}
