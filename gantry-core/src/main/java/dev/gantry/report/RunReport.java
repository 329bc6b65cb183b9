package dev.gantry.report;

import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.gate.RecordedGate;
import dev.gantry.gate.checks.JunitFacts;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.rollout.Action;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.Approval;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the release report of one run is made of: the run's events, the gate it recorded, the release's changes and
 * its approvals. {@link #model} reads them into the report's values once; the three forms render that model.
 *
 * @param gate the gate recorded for the release in the environment, when there is one
 * @param rollbackScript what the target does to roll back, for the rollback plan
 */
public record RunReport(
        List<RunLog.Logged> events,
        Optional<RecordedGate> gate,
        ReleaseChanges changes,
        List<Approval> approvals,
        String rollbackScript,
        String metricSource,
        List<RollbackTrigger> triggers,
        ZoneId zone) {

    public RunReport {
        events = List.copyOf(events);
        approvals = List.copyOf(approvals);
        triggers = List.copyOf(triggers);
    }

    public String markdown() {
        return MarkdownReport.render(model());
    }

    /** The same facts for machines, in the shape {@link ReportDocument} gives and {@code report.schema.json} states. */
    public String json() {
        return JsonReport.render(model());
    }

    /** One HTML page that needs nothing else, with a chart of each watched metric. */
    public String html() {
        return HtmlReport.render(model());
    }

    public ReportModel model() {
        RunState state = RunState.of(RunLog.events(events));
        RunEvent.Started start = state.start();
        List<String> tickets = tickets();
        return new ReportModel(
                summary(state),
                gateSection(),
                new ReportModel.ChangeSection(
                        changes.entries(),
                        Optional.ofNullable(start.previousVersion()),
                        withRunValues(rollbackScript, start),
                        approvals,
                        tickets),
                first(RunEvent.StrategyChosen.class),
                actions(false),
                smokeTests(),
                new WatchReading(events, triggers, metricSource).section(firstActionStart()),
                new ReportModel.FinishSection(
                        outcome(state, tickets),
                        notes(),
                        all(RunEvent.Notified.class),
                        all(RunEvent.WatchGap.class),
                        handovers(),
                        actions(true),
                        all(RunEvent.FlagTurnedOff.class)),
                all(RunEvent.LessonNoted.class),
                events,
                zone);
    }

    private ReportModel.Summary summary(RunState state) {
        RunEvent.Started start = state.start();
        return new ReportModel.Summary(
                start.version(),
                start.environment(),
                start.actor(),
                Optional.ofNullable(start.commit()),
                Optional.ofNullable(start.previousVersion()),
                first(RunEvent.StrategyChosen.class).map(RunEvent.StrategyChosen::chosen),
                state.end().map(RunEvent.Ended::verdict),
                state.waiting().isPresent(),
                state.end()
                        .map(RunEvent.Ended::reason)
                        .or(() -> state.waiting().map(RunEvent.Paused::reason))
                        .orElse("the run has not ended"),
                state.liveChanged(),
                events.get(0).at(),
                state.end().flatMap(e -> last(RunEvent.Ended.class)));
    }

    private ReportModel.GateSection gateSection() {
        List<ReportModel.TestRow> tests = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        for (RecordedGate.Criterion c : gate.map(RecordedGate::criteria).orElse(List.of())) {
            if (c.check().equals("junit")) tests.addAll(testRows(c));
            if (c.check().equals("window")) windows.add(c.status().label() + ": " + c.evidence());
        }
        return new ReportModel.GateSection(first(RunEvent.GateDecided.class), gate, tests, windows);
    }

    /** A row a suite of a junit criterion, or one row of its totals when it names no suite; none without a report. */
    private static List<ReportModel.TestRow> testRows(RecordedGate.Criterion criterion) {
        Optional<JunitFacts> facts = JunitFacts.of(criterion.facts());
        if (facts.isEmpty()) return List.of();
        List<ReportModel.TestRow> rows = facts.get().suites().stream()
                .map(s -> new ReportModel.TestRow(s.suite(), s.passed(), s.failed(), s.skipped(), criterion.id()))
                .toList();
        if (!rows.isEmpty()) return rows;
        JunitFacts total = facts.get();
        return List.of(new ReportModel.TestRow(
                criterion.title(), total.passed(), total.failed(), total.skipped(), criterion.id()));
    }

    /**
     * The target's scripts as this run called them: the placeholders the run fills the same for every action
     * replaced by its values; {weight}, {colour} and {step} differ from one call to the next and stay.
     */
    private static String withRunValues(String text, RunEvent.Started start) {
        String previous = start.previousVersion() == null ? "" : start.previousVersion();
        return text.replace("{version}", start.version())
                .replace("{previousVersion}", previous)
                .replace("{environment}", start.environment())
                .replace("{commit}", start.commit() == null ? "{commit}" : start.commit())
                .replace("{tag}", start.tag() == null ? "{tag}" : start.tag());
    }

    /** The tickets the release's commits refer to, each once, in order. */
    private List<String> tickets() {
        Set<String> tickets = new LinkedHashSet<>();
        changes.entries().forEach(e -> tickets.addAll(e.tickets()));
        return List.copyOf(tickets);
    }

    private Outcome outcome(RunState state, List<String> tickets) {
        if (state.end().isEmpty()) return new Outcome.Unfinished();
        RunEvent.Ended end = state.end().get();
        return switch (end.verdict()) {
            case RELEASED, RELEASED_WITH_OVERRIDE ->
                new Outcome.Released(end.reason(), end.verdict() == Verdict.RELEASED_WITH_OVERRIDE, tickets);
            case ROLLED_BACK, ROLLBACK_FAILED -> {
                List<ReportModel.ActionRow> rollback = actions(true);
                yield new Outcome.RolledBack(
                        end.verdict() == Verdict.ROLLBACK_FAILED,
                        state.rollback().map(RunEvent.RollbackDecided::person),
                        end.reason(),
                        smokeTests().stream()
                                .filter(ReportModel.SmokeTest::afterRollback)
                                .toList(),
                        rollback.stream().findFirst().map(ReportModel.ActionRow::start),
                        last(RunEvent.Ended.class).orElseThrow(),
                        tickets);
            }
            case ABORTED -> new Outcome.Aborted(abortedIn(), end.reason(), end.liveChanged());
        };
    }

    /** The phase the run was in when it stopped: the last one before phase 6. */
    private Phase abortedIn() {
        Phase before = Phase.GATE;
        for (RunEvent.PhaseEntered p : all(RunEvent.PhaseEntered.class)) {
            if (p.phase() != Phase.FINISH) before = p.phase();
        }
        return before;
    }

    /** What the run did besides its actions, in order: flags, tags, and the pushes of its tag after it ended. */
    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.Noted n) notes.add(n.what());
            if (logged.event() instanceof RunEvent.TagPushed p) notes.add(p.sentence());
            if (logged.event() instanceof RunEvent.TagPushFailed f) notes.add(f.sentence());
        }
        return notes;
    }

    private List<ReportModel.Handover> handovers() {
        List<ReportModel.Handover> handovers = new ArrayList<>();
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.TakenUp t)
                handovers.add(new ReportModel.Handover(logged.at(), t.previous(), t.coordinator()));
        }
        return handovers;
    }

    private List<ReportModel.SmokeTest> smokeTests() {
        List<ReportModel.SmokeTest> tests = new ArrayList<>();
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.ValidationRan v)
                tests.add(new ReportModel.SmokeTest(v.id(), v.title(), v.passed(), v.millis(), v.notes(), logged.at()));
        }
        return tests;
    }

    /** When the first target action began: the deploy, from which a person watching the release counts. */
    private Optional<Instant> firstActionStart() {
        return actions(false).stream().findFirst().map(ReportModel.ActionRow::start);
    }

    /** The target actions that finished, those of phase 6 (the rollback) or those before it. */
    private List<ReportModel.ActionRow> actions(boolean finishing) {
        Map<String, Instant> started = new LinkedHashMap<>();
        List<ReportModel.ActionRow> actions = new ArrayList<>();
        boolean inFinish = false;
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.PhaseEntered p) inFinish = p.phase() == Phase.FINISH;
            if (logged.event() instanceof RunEvent.ActionStarted a) started.put(a.stepId(), logged.at());
            if (logged.event() instanceof RunEvent.ActionFinished f && inFinish == finishing) {
                actions.add(new ReportModel.ActionRow(
                        f.stepId(),
                        started.getOrDefault(f.stepId(), logged.at()),
                        logged.at(),
                        f.ok(),
                        f.message(),
                        f.output(),
                        Optional.ofNullable(f.facts().get("exitCode"))));
            }
        }
        return actions;
    }

    private <T extends RunEvent> Optional<Instant> last(Class<T> type) {
        Instant at = null;
        for (RunLog.Logged logged : events) if (type.isInstance(logged.event())) at = logged.at();
        return Optional.ofNullable(at);
    }

    private <T extends RunEvent> Optional<T> first(Class<T> type) {
        return all(type).stream().findFirst();
    }

    private <T extends RunEvent> List<T> all(Class<T> type) {
        return events.stream()
                .map(RunLog.Logged::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Whether an action moved the new version's traffic forward: a step of the canary or a rolling batch. */
    static boolean stepForward(RunEvent.ActionStarted a) {
        return a.step() > 0 && a.action() != Action.ROLLBACK;
    }
}
