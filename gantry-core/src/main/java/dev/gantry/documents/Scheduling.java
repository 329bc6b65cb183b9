package dev.gantry.documents;

import dev.gantry.plan.Milestone;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Schedule;
import dev.gantry.plan.Windows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Puts a release on the calendar: the deploy at an open time, the milestones counted back from it. */
public final class Scheduling {

    /** Deploys start in the morning of the release date, with the working day ahead to watch them. */
    public static final LocalTime DEPLOY_TIME = LocalTime.of(10, 0);

    private Scheduling() {}

    /** The zone the plan's windows are written in (its first window's), else UTC. */
    public static ZoneId zone(Plan plan) {
        Windows windows = plan.windows();
        Optional<Schedule> first = windows.freeze().stream().findFirst().or(() -> windows.allow().stream()
                .findFirst());
        return ZoneId.of(first.map(Schedule::zone).orElse("UTC"));
    }

    /** The release deployed at {@link #DEPLOY_TIME} on {@code date}, or at the next open time after it. */
    public static PlannedRelease.Schedule place(LocalDate date, Windows windows, ZoneId zone) {
        return place(date, DEPLOY_TIME, windows, zone);
    }

    /**
     * The release deployed at {@code time} on {@code date} in {@code zone}. When that instant is inside a freeze,
     * or outside every allowed window, the deploy moves to the next open time and a note says from where, to
     * where and why. Milestones are counted from the final deploy time; one that falls inside a freeze stays
     * where it is and gets a note.
     */
    public static PlannedRelease.Schedule place(LocalDate date, LocalTime time, Windows windows, ZoneId zone) {
        List<String> notes = new ArrayList<>();
        ZonedDateTime wanted = ZonedDateTime.of(date, time, zone);
        ZonedDateTime deployAt = wanted;
        Instant at = wanted.toInstant();
        if (!windows.open(at)) {
            String why = closedBecause(windows, at);
            Optional<Instant> next = windows.nextOpen(at);
            if (next.isPresent()) {
                deployAt = next.get().atZone(zone);
                notes.add("moved from " + Text.DATE_TIME.format(wanted) + " to " + Text.DATE_TIME.format(deployAt)
                        + ": " + why);
            } else {
                notes.add(Text.DATE_TIME.format(wanted) + " is " + why
                        + " and no deploy window opens within a year after it");
            }
        }
        Map<Milestone, ZonedDateTime> timeline = timeline(deployAt);
        for (Map.Entry<Milestone, ZonedDateTime> milestone : timeline.entrySet()) {
            windows.freezeAt(milestone.getValue().toInstant())
                    .ifPresent(freeze -> notes.add(
                            Text.lowerFirst(milestone.getKey().title()) + " (" + Text.dayTime(milestone.getValue())
                                    + ") falls inside " + freezeName(freeze.schedule())));
        }
        return new PlannedRelease.Schedule(deployAt, timeline, notes);
    }

    /**
     * Each milestone's time. Offsets of whole days are calendar days, so "T-3 days" before a 10:00 deploy is
     * 10:00 on the wall clock even across a daylight saving change; offsets in hours are elapsed time.
     */
    public static Map<Milestone, ZonedDateTime> timeline(ZonedDateTime deployAt) {
        Map<Milestone, ZonedDateTime> timeline = new EnumMap<>(Milestone.class);
        for (Milestone milestone : Milestone.values()) {
            Duration offset = milestone.offset();
            boolean wholeDays =
                    offset.toHours() % 24 == 0 && offset.toSecondsPart() == 0 && offset.toMinutesPart() == 0;
            timeline.put(milestone, wholeDays ? deployAt.plusDays(offset.toDays()) : deployAt.plus(offset));
        }
        return timeline;
    }

    private static String closedBecause(Windows windows, Instant at) {
        return windows.freezeAt(at)
                .map(span -> "inside " + freezeName(span.schedule()))
                .orElse("outside the allowed deploy windows");
    }

    private static String freezeName(Schedule freeze) {
        String name = freeze.reason() != null && !freeze.reason().isBlank() ? freeze.reason() : freeze.cron();
        return "freeze \"" + name + "\"";
    }
}
