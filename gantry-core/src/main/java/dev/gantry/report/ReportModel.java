package dev.gantry.report;

import dev.gantry.changelog.Entry;
import dev.gantry.gate.RecordedGate;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.Approval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The release report of one run as values, section by section as the release report template has them. Read once
 * from the run's events and the gate it recorded ({@link RunReport#model}); {@link MarkdownReport}, {@link
 * JsonReport} and {@link HtmlReport} each render it, none from another's output.
 *
 * @param zone the zone the report shows times in
 */
public record ReportModel(
        Summary summary,
        GateSection gate,
        ChangeSection changes,
        Optional<RunEvent.StrategyChosen> strategy,
        List<ActionRow> execute,
        List<SmokeTest> smoke,
        WatchSection watch,
        FinishSection finish,
        List<RunEvent.LessonNoted> lessons,
        List<RunLog.Logged> events,
        ZoneId zone) {

    public ReportModel {
        execute = List.copyOf(execute);
        smoke = List.copyOf(smoke);
        lessons = List.copyOf(lessons);
        events = List.copyOf(events);
    }

    /**
     * The header: what was released where, by whom, and how it ended.
     *
     * @param commit the commit the run was bound to; empty when a run of an older Gantry did not record it
     * @param verdict empty while the run goes on or waits
     * @param waiting whether the run waits for a person
     * @param reason the verdict's reason, why the run waits, or that it has not ended
     * @param ended when the run ended; empty while it goes on
     */
    public record Summary(
            String version,
            String environment,
            String operator,
            Optional<String> commit,
            Optional<String> previousVersion,
            Optional<Strategy> strategy,
            Optional<Verdict> verdict,
            boolean waiting,
            String reason,
            boolean liveChanged,
            Instant started,
            Optional<Instant> ended) {

        /** The verdict as the report names it, or what the run does while it has none. */
        public String verdictLabel() {
            return verdict.map(Verdict::label).orElse(waiting ? "waiting for a person" : "running");
        }

        /** From the run's first event to its end; empty while it goes on. */
        public Optional<Duration> duration() {
            return ended.map(end -> Duration.between(started, end));
        }
    }

    /**
     * Phase 1: the gate as the run decided it and as the gate recorded it.
     *
     * @param decided the run's gate decision; empty when the run did not reach it
     * @param recorded the last gate recorded for the release in the environment
     * @param tests a row per suite of each junit criterion
     * @param windows the window criteria, each as "status: evidence"
     */
    public record GateSection(
            Optional<RunEvent.GateDecided> decided,
            Optional<RecordedGate> recorded,
            List<TestRow> tests,
            List<String> windows) {

        public GateSection {
            tests = List.copyOf(tests);
            windows = List.copyOf(windows);
        }

        public List<RecordedGate.Criterion> criteria() {
            return recorded.map(RecordedGate::criteria).orElse(List.of());
        }
    }

    /** One row of the test status table: a suite of a junit criterion, or the criterion's totals. */
    public record TestRow(String suite, int passed, int failed, int skipped, String source) {}

    /**
     * The change summary, the rollback plan, the approvals and the tickets in scope.
     *
     * @param rollbackScript what the target does to roll back, with this run's values filled in
     * @param tickets the tickets the release's commits refer to, each once, in order
     */
    public record ChangeSection(
            List<Entry> entries,
            Optional<String> previousVersion,
            String rollbackScript,
            List<Approval> approvals,
            List<String> tickets) {

        public ChangeSection {
            entries = List.copyOf(entries);
            approvals = List.copyOf(approvals);
            tickets = List.copyOf(tickets);
        }

        /** The kind of a change as the report names it: feature, fix, breaking, security, ... */
        public static String kind(Entry e) {
            if (e.breaking()) return "breaking";
            return switch (e.type()) {
                case "feat" -> "feature";
                case "" -> "other";
                default -> e.type();
            };
        }
    }

    /**
     * A target action that finished, with its times.
     *
     * @param exitCode the script's exit code when it recorded one
     */
    public record ActionRow(
            String stepId,
            Instant start,
            Instant end,
            boolean ok,
            String message,
            List<String> output,
            Optional<Object> exitCode) {

        public ActionRow {
            output = List.copyOf(output);
        }

        public Duration took() {
            return Duration.between(start, end);
        }
    }

    /** A smoke test (phase 4, or after a rollback) and when it ended. */
    public record SmokeTest(String id, String title, boolean passed, long millis, String notes, Instant end) {

        public Instant start() {
            return end.minusMillis(millis);
        }

        public boolean afterRollback() {
            return id.endsWith("/after-rollback");
        }
    }

    /** Another coordinator went on with the run at {@code at}: {@code from} stopped before the run ended. */
    public record Handover(Instant at, String from, String to) {}

    /**
     * Phase 6: how the run ended and what it did on the way out.
     *
     * @param notes what the run did that is not a target action: flags turned off
     * @param handovers when another coordinator took the run up, after the one before it stopped
     * @param rollbackSteps the target actions of phase 6
     */
    public record FinishSection(
            Outcome outcome,
            List<String> notes,
            List<RunEvent.Notified> notifications,
            List<RunEvent.WatchGap> gaps,
            List<Handover> handovers,
            List<ActionRow> rollbackSteps,
            List<RunEvent.FlagTurnedOff> flagsOff) {

        public FinishSection {
            flagsOff = List.copyOf(flagsOff);
            notes = List.copyOf(notes);
            notifications = List.copyOf(notifications);
            gaps = List.copyOf(gaps);
            handovers = List.copyOf(handovers);
            rollbackSteps = List.copyOf(rollbackSteps);
        }
    }
}
