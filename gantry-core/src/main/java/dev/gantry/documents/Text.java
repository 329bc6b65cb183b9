package dev.gantry.documents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the documents write dates, durations and table cells; English day names so output never depends on the machine. */
final class Text {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH);
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);
    static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private Text() {}

    static String dateTime(Instant at, ZoneId zone) {
        return DATE_TIME.format(at.atZone(zone));
    }

    static String date(Instant at, ZoneId zone) {
        return DATE.format(at.atZone(zone));
    }

    static String day(ZonedDateTime at) {
        return DAY.format(at);
    }

    static String dayTime(ZonedDateTime at) {
        return DAY_TIME.format(at);
    }

    /** "30 minutes", "1 hour", "24 hours", "14 days", "1 hour 30 minutes". */
    static String words(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds <= 0) return "0 minutes";
        List<String> parts = new ArrayList<>();
        // Whole days from two on read better as days; a day of watching is still "24 hours", as release plans say.
        if (seconds % 86_400 == 0 && seconds >= 2 * 86_400) return unit(seconds / 86_400, "day");
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) parts.add(unit(hours, "hour"));
        if (minutes > 0) parts.add(unit(minutes, "minute"));
        if (rest > 0) parts.add(unit(rest, "second"));
        return String.join(" ", parts);
    }

    private static String unit(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** A value fit for one Markdown table cell: no line breaks, pipes escaped. */
    static String cell(String text) {
        if (text == null || text.isBlank()) return "—";
        return oneLine(text).replace("|", "\\|");
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** "Staging deployment" → "staging deployment", for a title inside a sentence. */
    static String lowerFirst(String title) {
        return title.isEmpty() ? title : Character.toLowerCase(title.charAt(0)) + title.substring(1);
    }

    static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static String orNone(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }
}
