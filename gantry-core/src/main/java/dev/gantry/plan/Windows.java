package dev.gantry.plan;

import dev.gantry.binding.Doc;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When deploys may not happen (freezes) and, if any are given, the only times they may. */
@Doc("Freeze windows and allowed deploy windows")
public record Windows(
        @Doc("No deploys inside these, such as a weekend freeze") List<Schedule> freeze,
        @Doc("When given, deploys happen only inside one of these") List<Schedule> allow) {

    public static final Windows NONE = new Windows(null, null);

    public Windows {
        freeze = freeze == null ? List.of() : List.copyOf(freeze);
        allow = allow == null ? List.of() : List.copyOf(allow);
    }

    /** The freeze {@code at} falls in, if any. */
    public Optional<Schedule.Span> freezeAt(Instant at) {
        return freeze.stream().flatMap(f -> f.spanAt(at).stream()).findFirst();
    }

    /** The allowed window {@code at} falls in; empty when outside all of them or when none are given. */
    public Optional<Schedule.Span> allowedAt(Instant at) {
        return allow.stream().flatMap(a -> a.spanAt(at).stream()).findFirst();
    }

    /** Whether a deploy may start at {@code at}: in no freeze, and in an allowed window when there are any. */
    public boolean open(Instant at) {
        return freezeAt(at).isEmpty() && (allow.isEmpty() || allowedAt(at).isPresent());
    }

    /**
     * The first time from {@code at} on when a deploy may start, looking at most a year ahead: the end of the
     * freeze it is in, or the next start of an allowed window.
     */
    public Optional<Instant> nextOpen(Instant at) {
        Instant t = at;
        Instant limit = at.plusSeconds(366L * 24 * 3600);
        while (t.isBefore(limit)) {
            if (open(t)) return Optional.of(t);
            Optional<Schedule.Span> frozen = freezeAt(t);
            if (frozen.isPresent()) {
                t = frozen.get().end();
                continue;
            }
            Instant current = t;
            Optional<Instant> next =
                    allow.stream().flatMap(a -> a.nextStart(current).stream()).min(Instant::compareTo);
            if (next.isEmpty()) return Optional.empty();
            t = next.get();
        }
        return Optional.empty();
    }
}
