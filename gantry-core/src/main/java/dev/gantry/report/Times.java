package dev.gantry.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and durations as every form of the report writes them. */
final class Times {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    Times(ZoneId zone) {
        this.zone = zone;
    }

    /** "2026-03-20 09:00:00" in the report's zone. */
    String when(Instant at) {
        return WHEN.format(at.atZone(zone));
    }

    /** An action's duration: "0.4s". */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** "5 min", or "4:30 min". */
    static String minutes(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 60 == 0
                ? seconds / 60 + " min"
                : String.format(Locale.ROOT, "%d:%02d min", seconds / 60, seconds % 60);
    }

    /** T+ as m:ss: "6:00". */
    static String sinceStart(Duration d) {
        long seconds = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, Math.abs(seconds % 60));
    }

    /** A run's length as people say it: "45s", "6m 20s", "1h 5m". */
    static String length(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
        long minutes = seconds / 60;
        return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
    }
}
