package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.plan.Schedule;
import dev.gantry.plan.Windows;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Now is in none of the plan's freeze windows and, when the plan has allowed windows, inside one of them. */
@Doc("Now is outside every freeze window of the plan and inside one of its allowed windows, if it has any")
public record WindowCheck() implements Check {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    @Override
    public CheckResult evaluate(CheckContext context) {
        Windows windows = context.plan().windows();
        Instant now = context.clock().instant();
        if (windows.freeze().isEmpty() && windows.allow().isEmpty()) return CheckResult.met("no windows in the plan");
        Optional<Schedule.Span> freeze = windows.freezeAt(now);
        if (freeze.isPresent()) {
            Schedule.Span span = freeze.get();
            return closed("inside freeze \"" + span.schedule().label() + "\" (" + range(span) + ")", windows, now);
        }
        if (windows.allow().isEmpty()) return CheckResult.met("not in a freeze");
        Optional<Schedule.Span> allowed = windows.allowedAt(now);
        if (allowed.isPresent()) {
            Schedule.Span span = allowed.get();
            return CheckResult.met("not in a freeze; inside allowed window \""
                            + span.schedule().label() + "\"")
                    .withDetails(List.of("allowed window: " + range(span)));
        }
        List<String> names =
                windows.allow().stream().map(s -> "\"" + s.label() + "\"").toList();
        return closed("outside the allowed windows (" + String.join(", ", names) + ")", windows, now);
    }

    private static CheckResult closed(String why, Windows windows, Instant now) {
        Optional<Instant> next = windows.nextOpen(now);
        String when = next.map(t -> ", next open " + t).orElse(", not open within a year");
        CheckResult result = CheckResult.unmet(why + when);
        return next.map(t -> result.withFacts(Map.of("nextOpen", t.toString()))).orElse(result);
    }

    /** "Fri 2026-03-27 15:00 Europe/Berlin to Mon 2026-03-30 09:00", on the clock of the window's zone. */
    private static String range(Schedule.Span span) {
        ZoneId zone = span.schedule().zoneId();
        return LOCAL.format(span.start().atZone(zone)) + " " + zone.getId() + " to "
                + LOCAL.format(span.end().atZone(zone));
    }

    @Override
    public String describe() {
        return "outside the plan's freeze windows and inside one of its allowed windows, if it has any";
    }
}
