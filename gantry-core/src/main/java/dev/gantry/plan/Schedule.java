package dev.gantry.plan;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.gantry.plan.yaml.Doc;
import dev.gantry.plan.yaml.InvalidValue;
import dev.gantry.plan.yaml.Required;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A recurring span of time: it starts at each time the cron expression names, in its zone, and lasts its
 * duration. Starts are found in local time, so a span starting at 15:00 Berlin time starts at 15:00 on both
 * sides of a daylight saving change; the duration is elapsed time.
 */
@Doc("A recurring window: starts at each cron time in its zone and lasts the duration")
public record Schedule(
        @Required
                @Doc("When it starts: five cron fields (minute hour day-of-month month day-of-week), such as"
                        + " \"0 15 * * FRI\"")
                String cron,
        @Required @Doc("How long it lasts, such as 66h") Duration duration,
        @Doc("The time zone of the cron fields, such as Europe/Berlin; UTC by default") String zone,
        @Doc("Why, for the people who hit it") String reason) {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    public Schedule {
        if (cron != null) parse(cron);
        zone = zone == null ? "UTC" : zone;
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidValue("zone", "expected a time zone such as Europe/Berlin or UTC, got \"" + zone + "\"");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new InvalidValue("duration", "a window needs a duration above zero");
        }
    }

    private static Cron parse(String cron) {
        try {
            return PARSER.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(
                    "cron",
                    "expected five cron fields such as \"0 15 * * FRI\", got \"" + cron + "\": " + e.getMessage());
        }
    }

    /** The span that holds {@code at}, if any: the latest start not after it, when it has not ended yet. */
    public Optional<Span> spanAt(Instant at) {
        ExecutionTime times = ExecutionTime.forCron(parse(cron));
        ZonedDateTime local = at.atZone(ZoneId.of(zone));
        // A start at exactly "at" counts; cron-utils' lastExecution is strictly before its argument.
        ZonedDateTime probe = local.plusSeconds(1);
        Optional<ZonedDateTime> start = times.lastExecution(probe);
        while (start.isPresent()) {
            Instant begins = start.get().toInstant();
            Instant ends = begins.plus(duration);
            if (begins.isAfter(at)) {
                start = times.lastExecution(start.get());
                continue;
            }
            if (ends.isAfter(at)) return Optional.of(new Span(begins, ends, this));
            // An earlier start could only cover "at" when the duration is longer than the gap between starts.
            Optional<ZonedDateTime> earlier = times.lastExecution(start.get());
            if (earlier.isEmpty() || earlier.get().toInstant().plus(duration).isBefore(at)) return Optional.empty();
            start = earlier;
        }
        return Optional.empty();
    }

    /** The first start after {@code at}. */
    public Optional<Instant> nextStart(Instant at) {
        return ExecutionTime.forCron(parse(cron))
                .nextExecution(at.atZone(ZoneId.of(zone)))
                .map(ZonedDateTime::toInstant);
    }

    /** One occurrence of the schedule. */
    public record Span(Instant start, Instant end, Schedule schedule) {}
}
