package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.InvalidValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a schedule's spans start and end, in UTC, around daylight saving changes: starts are local cron times,
 * durations run on the zone's clock. 2026: Europe/Berlin moves forward on 29 March and back on 25 October,
 * America/New_York forward on 8 March and back on 1 November.
 */
class ScheduleTest {

    private static final Schedule WEEKEND =
            new Schedule("0 15 * * FRI", Duration.ofHours(66), "Europe/Berlin", "weekend");

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Schedule.Span spanAt(Schedule schedule, String instant) {
        return schedule.spanAt(at(instant)).orElseThrow(() -> new AssertionError("no span at " + instant));
    }

    @Test
    void weekendFreezeInAnOrdinaryWinterWeekLastsSixtySixHours() {
        Schedule.Span span = spanAt(WEEKEND, "2026-03-21T12:00:00Z");
        assertThat(span.start()).isEqualTo(at("2026-03-20T14:00:00Z")); // Fri 15:00 CET
        assertThat(span.end()).isEqualTo(at("2026-03-23T08:00:00Z")); // Mon 09:00 CET
        assertThat(Duration.between(span.start(), span.end())).isEqualTo(Duration.ofHours(66));
    }

    @Test
    void weekendFreezeEndsMondayNineBerlinTimeWhenTheClocksGoForward() {
        Schedule.Span span = spanAt(WEEKEND, "2026-03-29T12:00:00Z");
        assertThat(span.start()).isEqualTo(at("2026-03-27T14:00:00Z")); // Fri 15:00 CET
        assertThat(span.end()).isEqualTo(at("2026-03-30T07:00:00Z")); // Mon 09:00 CEST
        // Sixty-six hours on the wall clock are sixty-five of elapsed time this weekend.
        assertThat(Duration.between(span.start(), span.end())).isEqualTo(Duration.ofHours(65));
        assertThat(span.schedule()).isSameAs(WEEKEND);
    }

    @Test
    void springFreezeBoundariesToTheSecond() {
        assertThat(WEEKEND.spanAt(at("2026-03-27T13:59:59Z"))).isEmpty();
        assertThat(WEEKEND.spanAt(at("2026-03-27T14:00:00Z"))).isPresent();
        // Either side of the jump from 02:00 CET to 03:00 CEST.
        assertThat(WEEKEND.spanAt(at("2026-03-29T00:59:59Z"))).isPresent();
        assertThat(WEEKEND.spanAt(at("2026-03-29T01:00:00Z"))).isPresent();
        assertThat(WEEKEND.spanAt(at("2026-03-30T06:59:59.999Z"))).isPresent();
        assertThat(WEEKEND.spanAt(at("2026-03-30T07:00:00Z"))).isEmpty();
    }

    @Test
    void weekendFreezeEndsMondayNineBerlinTimeWhenTheClocksGoBack() {
        Schedule.Span span = spanAt(WEEKEND, "2026-10-25T01:30:00Z"); // inside the repeated hour
        assertThat(span.start()).isEqualTo(at("2026-10-23T13:00:00Z")); // Fri 15:00 CEST
        assertThat(span.end()).isEqualTo(at("2026-10-26T08:00:00Z")); // Mon 09:00 CET
        assertThat(Duration.between(span.start(), span.end())).isEqualTo(Duration.ofHours(67));
        assertThat(WEEKEND.spanAt(at("2026-10-23T12:59:59Z"))).isEmpty();
        assertThat(WEEKEND.spanAt(at("2026-10-26T07:59:59Z"))).isPresent();
        assertThat(WEEKEND.spanAt(at("2026-10-26T08:00:00Z"))).isEmpty();
    }

    @Test
    void nextStartIsStrictlyAfterAndFollowsTheOffsetOfItsDay() {
        assertThat(WEEKEND.nextStart(at("2026-03-27T13:59:59Z"))).contains(at("2026-03-27T14:00:00Z"));
        assertThat(WEEKEND.nextStart(at("2026-03-27T14:00:00Z"))).contains(at("2026-04-03T13:00:00Z"));
        assertThat(WEEKEND.nextStart(at("2026-10-24T00:00:00Z"))).contains(at("2026-10-30T14:00:00Z"));
    }

    @Test
    void allowedHoursInNewYorkFollowTheAmericanChange() {
        Schedule business = new Schedule("0 9 * * MON-FRI", Duration.ofHours(8), "America/New_York", "business hours");
        Schedule.Span friday = spanAt(business, "2026-03-06T15:00:00Z");
        assertThat(friday.start()).isEqualTo(at("2026-03-06T14:00:00Z")); // 09:00 EST
        assertThat(friday.end()).isEqualTo(at("2026-03-06T22:00:00Z")); // 17:00 EST
        Schedule.Span monday = spanAt(business, "2026-03-09T15:00:00Z");
        assertThat(monday.start()).isEqualTo(at("2026-03-09T13:00:00Z")); // 09:00 EDT
        assertThat(monday.end()).isEqualTo(at("2026-03-09T21:00:00Z")); // 17:00 EDT
        assertThat(business.spanAt(at("2026-03-09T12:59:59Z"))).isEmpty();
        assertThat(business.spanAt(at("2026-03-09T20:59:59Z"))).isPresent();
        assertThat(business.spanAt(at("2026-03-09T21:00:00Z"))).isEmpty();
        assertThat(business.spanAt(at("2026-03-08T15:00:00Z"))).as("a Sunday").isEmpty();
        assertThat(business.nextStart(at("2026-03-06T22:00:00Z"))).contains(at("2026-03-09T13:00:00Z"));
        assertThat(business.nextStart(at("2026-10-30T22:00:00Z"))).contains(at("2026-11-02T14:00:00Z"));
    }

    @Test
    void aWindowOverMidnightAndTheYearEnd() {
        Schedule newYear = new Schedule("0 18 31 12 *", Duration.ofHours(16), "America/Los_Angeles", "new year");
        Schedule.Span span = spanAt(newYear, "2027-01-01T12:00:00Z"); // 04:00 on 1 January in Los Angeles
        assertThat(span.start()).isEqualTo(at("2027-01-01T02:00:00Z")); // 31 December 18:00 PST
        assertThat(span.end()).isEqualTo(at("2027-01-01T18:00:00Z")); // 1 January 10:00 PST
        assertThat(newYear.spanAt(at("2027-01-01T01:59:59Z"))).isEmpty();
        assertThat(newYear.spanAt(at("2027-01-01T07:59:59Z")))
                .as("23:59:59 on 31 December")
                .isPresent();
        assertThat(newYear.spanAt(at("2027-01-01T18:00:00Z"))).isEmpty();
        assertThat(newYear.nextStart(at("2027-01-01T02:00:00Z"))).contains(at("2028-01-01T02:00:00Z"));
    }

    @Test
    void aNightlyWindowOverTheSpringJumpIsAnHourShorter() {
        Schedule nightly = new Schedule("0 22 * * *", Duration.ofHours(8), "Europe/Berlin", "maintenance");
        Schedule.Span span = spanAt(nightly, "2026-03-29T02:00:00Z");
        assertThat(span.start()).isEqualTo(at("2026-03-28T21:00:00Z")); // Sat 22:00 CET
        assertThat(span.end()).isEqualTo(at("2026-03-29T04:00:00Z")); // Sun 06:00 CEST
    }

    @Test
    void aStartTheClocksSkipHappensAtTheJump() {
        // 02:30 does not exist in Berlin on 29 March 2026; the clocks pass it when they jump at 01:00 UTC.
        Schedule night = new Schedule("30 2 * * *", Duration.ofHours(1), "Europe/Berlin", null);
        Schedule.Span span = spanAt(night, "2026-03-29T01:10:00Z");
        assertThat(span.start()).isEqualTo(at("2026-03-29T01:00:00Z"));
        assertThat(span.end()).isEqualTo(at("2026-03-29T01:30:00Z")); // 03:30 CEST
        assertThat(night.nextStart(at("2026-03-28T23:00:00Z"))).contains(at("2026-03-29T01:00:00Z"));
        assertThat(night.nextStart(at("2026-03-29T01:00:00Z"))).contains(at("2026-03-30T00:30:00Z"));
    }

    @Test
    void aStartTheClocksRepeatHappensOnlyTheFirstTime() {
        // 02:30 happens twice in Berlin on 25 October 2026: at 00:30 UTC (CEST) and at 01:30 UTC (CET).
        Schedule night = new Schedule("30 2 * * *", Duration.ofHours(1), "Europe/Berlin", null);
        Schedule.Span span = spanAt(night, "2026-10-25T00:45:00Z");
        assertThat(span.start()).isEqualTo(at("2026-10-25T00:30:00Z"));
        assertThat(span.end()).isEqualTo(at("2026-10-25T02:30:00Z")); // 03:30 CET: the hour repeats inside it
        assertThat(spanAt(night, "2026-10-25T01:45:00Z").start()).isEqualTo(at("2026-10-25T00:30:00Z"));
        assertThat(night.nextStart(at("2026-10-25T00:30:00Z"))).contains(at("2026-10-26T01:30:00Z"));
        assertThat(night.nextStart(at("2026-10-25T01:15:00Z"))).contains(at("2026-10-26T01:30:00Z"));
        assertThat(night.nextStart(at("2026-10-25T00:15:00Z"))).contains(at("2026-10-25T00:30:00Z"));
    }

    @Test
    void overlappingSpansGiveTheOneThatEndsLast() {
        Schedule daily = new Schedule("0 9 * * *", Duration.ofHours(30), "UTC", null);
        Schedule.Span span = spanAt(daily, "2026-05-02T10:00:00Z");
        assertThat(span.start()).isEqualTo(at("2026-05-02T09:00:00Z"));
        assertThat(span.end()).isEqualTo(at("2026-05-03T15:00:00Z"));
        assertThat(spanAt(daily, "2026-05-02T08:00:00Z").start()).isEqualTo(at("2026-05-01T09:00:00Z"));
    }

    @Test
    void zoneIsUtcByDefaultAndTheReasonNamesIt() {
        Schedule plain = new Schedule("0 15 * * FRI", Duration.ofHours(1), null, null);
        assertThat(plain.zone()).isEqualTo("UTC");
        assertThat(plain.label()).isEqualTo("0 15 * * FRI");
        assertThat(WEEKEND.label()).isEqualTo("weekend");
        assertThat(spanAt(plain, "2026-03-27T15:30:00Z").start()).isEqualTo(at("2026-03-27T15:00:00Z"));
    }

    @Test
    void invalidCronSaysWhatACronLooksLike() {
        assertThatThrownBy(() -> new Schedule("0 15 * *", Duration.ofHours(1), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected five cron fields (minute hour day-of-month month day-of-week) such as"
                        + " \"0 15 * * FRI\", got \"0 15 * *\" (4 fields)");
        assertThatThrownBy(() -> new Schedule("61 15 * * FRI", Duration.ofHours(1), null, null))
                .hasMessage("expected five cron fields (minute hour day-of-month month day-of-week) such as"
                        + " \"0 15 * * FRI\", got \"61 15 * * FRI\": value 61 not in range [0, 59]");
        assertThatThrownBy(() -> new Schedule("0 15 * * FRX", Duration.ofHours(1), null, null))
                .hasMessageContaining("got \"0 15 * * FRX\": invalid chars in expression")
                .hasMessageContaining("FRX");
        assertThatThrownBy(() -> new Schedule("@weekly", Duration.ofHours(1), null, null))
                .hasMessageEndingWith("got \"@weekly\" (1 field)");
        assertThatThrownBy(() -> new Schedule("0 15 31 2 *", Duration.ofHours(1), null, null))
                .hasMessage("cron \"0 15 31 2 *\" never starts: no date matches it");
    }

    @Test
    void invalidZoneAndDurationNameTheirKey() {
        assertThatThrownBy(() -> new Schedule("0 15 * * FRI", Duration.ofHours(1), "Europe/Berln", null))
                .isInstanceOfSatisfying(
                        InvalidValue.class, e -> assertThat(e.component()).isEqualTo("zone"))
                .hasMessage("expected a time zone such as Europe/Berlin or UTC, got \"Europe/Berln\"");
        assertThatThrownBy(() -> new Schedule("0 15 * * FRI", Duration.ZERO, null, null))
                .isInstanceOfSatisfying(
                        InvalidValue.class, e -> assertThat(e.component()).isEqualTo("duration"))
                .hasMessage("a window needs a duration above zero");
        assertThatThrownBy(() -> new Schedule("0 15 * * FRI", Duration.ofHours(-1), null, null))
                .hasMessage("a window needs a duration above zero");
        assertThatThrownBy(() -> new Schedule(null, Duration.ofHours(1), null, null))
                .hasMessage("a window needs a cron expression");
    }

    @Test
    void leapDayStartsFindTheirYear() {
        Schedule leap = new Schedule("0 0 29 2 *", Duration.ofDays(1), "UTC", null);
        assertThat(leap.nextStart(at("2026-03-01T00:00:00Z"))).contains(at("2028-02-29T00:00:00Z"));
        assertThat(spanAt(leap, "2028-02-29T23:59:59Z").start()).isEqualTo(at("2028-02-29T00:00:00Z"));
        assertThat(leap.spanAt(at("2027-02-28T12:00:00Z"))).isEqualTo(Optional.empty());
    }
}
