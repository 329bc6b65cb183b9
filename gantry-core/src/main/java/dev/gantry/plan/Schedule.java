package dev.gantry.plan;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * A recurring span of time on the wall clock of its zone: it starts at each local time the cron expression
 * names and ends when that clock has moved on by the duration. "0 15 * * FRI" for 66h in Europe/Berlin runs
 * from Friday 15:00 to Monday 09:00 Berlin time every week, also in the weeks the clocks change (it then lasts
 * 65 or 67 hours): people plan freezes by the clock on the wall, and a freeze counted in elapsed hours would
 * end at 08:00 after the clocks went back, an hour the team believes frozen.
 *
 * <p>A local time the clocks skip (02:30 when they jump from 02:00 to 03:00) happens at the moment of the
 * jump; a local time they pass twice happens once, the first time. Cron times are searched on a clock without
 * daylight saving, so the cron library's own handling of those changes (which skips such starts or runs them
 * twice) never applies.
 */
@Doc("A recurring window: starts at each cron time in its zone and lasts the duration on that zone's clock")
public record Schedule(
        @Required
                @Doc("When it starts: five cron fields (minute hour day-of-month month day-of-week), such as"
                        + " \"0 15 * * FRI\"")
                String cron,
        @Required @Doc("How long it lasts on the zone's clock, such as 66h") Duration duration,
        @Doc("The time zone of the cron fields, such as Europe/Berlin; UTC by default") String zone,
        @Doc("Why, for the people who hit it; also its name in messages") String reason) {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final String CRON_EXAMPLE =
            "five cron fields (minute hour day-of-month month day-of-week) such as \"0 15 * * FRI\"";
    /** Cron times are local times: found on this clock, which never changes its offset. */
    private static final ZoneId LOCAL = ZoneOffset.UTC;

    private static final ZonedDateTime NEVER_PROBE = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, LOCAL);

    public Schedule {
        if (cron == null) throw new InvalidValue("cron", "a window needs a cron expression");
        if (duration == null) throw new InvalidValue("duration", "a window needs a duration");
        Cron parsed = parse(cron);
        if (ExecutionTime.forCron(parsed).nextExecution(NEVER_PROBE).isEmpty()) {
            throw new InvalidValue("cron", "cron \"" + cron + "\" never starts: no date matches it");
        }
        zone = zone == null ? "UTC" : zone;
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidValue("zone", "expected a time zone such as Europe/Berlin or UTC, got \"" + zone + "\"");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new InvalidValue("duration", "a window needs a duration above zero");
        }
    }

    private static Cron parse(String cron) {
        int fields = cron.isBlank() ? 0 : cron.strip().split("\\s+").length;
        if (fields != 5) {
            throw new InvalidValue(
                    "cron",
                    "expected " + CRON_EXAMPLE + ", got \"" + cron + "\" (" + fields
                            + (fields == 1 ? " field)" : " fields)"));
        }
        try {
            return PARSER.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(
                    "cron", "expected " + CRON_EXAMPLE + ", got \"" + cron + "\": " + problem(e.getMessage()));
        }
    }

    /** The cron library's message without its preamble, in the lower case of plan errors. */
    private static String problem(String message) {
        String text = message == null ? "invalid expression" : message.replace("Failed to parse cron expression. ", "");
        text = text.replaceAll("[.!]+$", "").strip();
        return text.isEmpty() ? "invalid expression" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** The name people know it by: its reason, or its cron when it has none. */
    public String label() {
        return reason != null && !reason.isBlank() ? reason : cron;
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /**
     * The span that holds {@code at}, if any: the one with the latest start not after it, when it has not ended
     * yet. A span holds its start and not its end. Where spans overlap this is the one that ends last, since
     * every span lasts as long on the clock.
     */
    public Optional<Span> spanAt(Instant at) {
        LocalDateTime now = localClockAt(at);
        // cron-utils' lastExecution is strictly before its argument; a start at exactly "now" counts.
        return times().lastExecution(now.plusSeconds(1).atZone(LOCAL))
                .map(start -> span(start.toLocalDateTime()))
                .filter(span -> span.end().isAfter(at));
    }

    /** The first start after {@code at}. */
    public Optional<Instant> nextStart(Instant at) {
        return times().nextExecution(localClockAt(at).atZone(LOCAL)).map(start -> instantOf(start.toLocalDateTime()));
    }

    private Span span(LocalDateTime start) {
        return new Span(instantOf(start), instantOf(start.plus(duration)), this);
    }

    private ExecutionTime times() {
        return ExecutionTime.forCron(parse(cron));
    }

    /**
     * The latest local time, to the second, that has happened by {@code at}: in the hour the clocks repeat, all
     * of its first pass has happened even while the clock shows an earlier time again.
     */
    private LocalDateTime localClockAt(Instant at) {
        ZoneId zoneId = zoneId();
        LocalDateTime local = LocalDateTime.ofInstant(at, zoneId).truncatedTo(ChronoUnit.SECONDS);
        ZoneOffsetTransition change = zoneId.getRules().getTransition(local);
        if (change != null && change.isOverlap() && !at.isBefore(change.getInstant())) {
            return change.getDateTimeBefore().minusSeconds(1);
        }
        return local;
    }

    /** When the zone's clock shows {@code local}: at the jump when it skips it, the first time when it repeats it. */
    private Instant instantOf(LocalDateTime local) {
        ZoneRules rules = zoneId().getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) return rules.getTransition(local).getInstant();
        return local.toInstant(offsets.get(0));
    }

    /** One occurrence of the schedule: from its start (inclusive) to its end (exclusive). */
    public record Span(Instant start, Instant end, Schedule schedule) {}
}
