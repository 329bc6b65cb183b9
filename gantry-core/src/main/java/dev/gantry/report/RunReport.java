package dev.gantry.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.analysis.Evaluation;
import dev.gantry.changelog.Entry;
import dev.gantry.changelog.MarkdownText;
import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.Approval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The release report of one run, section by section as the release report template has them, from the run's
 * events, the gate it recorded, the release's changes and its approvals.
 *
 * @param gate the gate's JSON as {@code gantry gate --json} writes it, when the run recorded one
 * @param rollbackScript what the target does to roll back, for the rollback plan
 */
public record RunReport(
        List<RunLog.Logged> events,
        Optional<JsonNode> gate,
        ReleaseChanges changes,
        List<Approval> approvals,
        String rollbackScript,
        String metricSource,
        List<RollbackTrigger> triggers,
        ZoneId zone) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The lines of a failed action's output the report shows: its end, where a script says why it stopped. */
    static final int OUTPUT_LINES = 20;

    public String markdown() {
        RunState state = RunState.of(RunLog.events(events));
        RunEvent.Started start = state.start();
        StringBuilder md = new StringBuilder();
        // A failed rollback is the first thing anyone reading the report must see.
        if (state.end().filter(e -> e.verdict() == Verdict.ROLLBACK_FAILED).isPresent()) {
            md.append("> **ROLLBACK FAILED**: ")
                    .append(MarkdownText.inline(state.end().get().reason()))
                    .append(". Users may still be on ")
                    .append(start.version())
                    .append(": act now.\n\n");
        }
        md.append("# Release Report — ")
                .append(start.version())
                .append(" → ")
                .append(start.environment())
                .append("\n\n");
        line(md, "Date", when(events.get(0).at()) + " " + zone.getId());
        line(md, "Operator", start.actor());
        line(md, "Commit", start.commit() == null ? "unknown" : start.commit());
        line(
                md,
                "Strategy",
                first(RunEvent.StrategyChosen.class)
                        .map(s -> s.chosen().label())
                        .orElse("not chosen"));
        line(
                md,
                "Verdict",
                state.end()
                        .map(e -> e.verdict().label())
                        .orElse(state.waiting().isPresent() ? "waiting for a person" : "running"));
        line(
                md,
                "Verdict reason",
                MarkdownText.inline(state.end()
                        .map(RunEvent.Ended::reason)
                        .or(() -> state.waiting().map(RunEvent.Paused::reason))
                        .orElse("the run has not ended")));
        gateSection(md);
        changeSection(md, start);
        restrictionsSection(md);
        strategySection(md);
        executeSection(md);
        smokeSection(md);
        watchSection(md);
        finishSection(md, state);
        lessonsSection(md, state);
        return md.toString();
    }

    /** The report as one HTML page that needs nothing else, with a chart of each watched metric. */
    public String html() {
        RunState state = RunState.of(RunLog.events(events));
        String title = "Release Report — " + state.start().version() + " → "
                + state.start().environment();
        return ReportHtml.render(markdown(), events, triggers, title);
    }

    /**
     * The same facts for machines: {@code release}, {@code environment}, {@code operator}, {@code strategy},
     * {@code verdict}, {@code reason}, {@code liveChanged}, {@code gate} (as {@code gantry gate --json} writes it),
     * {@code changes}, {@code approvals}, and {@code events}: every event of the run with its time and kind.
     */
    public String json() {
        // Events hold instants (a watch gap's bounds): written as ISO-8601 text, as the run log stores them.
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        RunState state = RunState.of(RunLog.events(events));
        ObjectNode root = mapper.createObjectNode();
        root.put("release", state.start().version());
        root.put("environment", state.start().environment());
        root.put("operator", state.start().actor());
        root.put("previousVersion", state.start().previousVersion());
        root.put(
                "strategy",
                first(RunEvent.StrategyChosen.class)
                        .map(c -> c.chosen().label())
                        .orElse(null));
        root.put("verdict", state.end().map(e -> e.verdict().label()).orElse(null));
        root.put(
                "reason",
                state.end()
                        .map(RunEvent.Ended::reason)
                        .orElse(state.waiting().map(RunEvent.Paused::reason).orElse(null)));
        root.put("liveChanged", state.liveChanged());
        root.set("gate", gate.orElse(null));
        ArrayNode changeList = root.putArray("changes");
        for (Entry e : changes.entries()) {
            ObjectNode c = changeList.addObject();
            c.put("type", e.breaking() ? "breaking" : kind(e.type()));
            c.put("scope", e.scope().orElse(null));
            c.put("description", e.description());
            c.put("commit", e.hash());
            ArrayNode references = c.putArray("references");
            e.tickets().forEach(references::add);
        }
        ArrayNode approvalList = root.putArray("approvals");
        for (Approval a : approvals) {
            approvalList
                    .addObject()
                    .put("role", a.role())
                    .put("person", a.person())
                    .put("commit", a.commit())
                    .put("at", a.at().toString())
                    .put("comment", a.comment());
        }
        ArrayNode eventList = root.putArray("events");
        for (RunLog.Logged logged : events) {
            ObjectNode e = eventList.addObject();
            e.put("at", logged.at().toString());
            e.put("kind", RunEvent.kindOf(logged.event().getClass()));
            e.setAll((ObjectNode) mapper.valueToTree(logged.event()));
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private void gateSection(StringBuilder md) {
        md.append("\n## Pre-Release Gate (Phase 1)\n\n");
        md.append("Decision: ")
                .append(first(RunEvent.GateDecided.class)
                        .map(g -> g.decision() + " (" + g.summary() + ")")
                        .orElse("not reached"))
                .append("\n\n### Acceptance Criteria\n\n");
        if (gate.isEmpty() || gate.get().path("criteria").isEmpty()) {
            md.append("No criterion applies.\n");
        } else {
            md.append("| Criterion | Status | Evidence |\n|---|---|---|\n");
            for (JsonNode c : gate.get().path("criteria")) {
                md.append("| ")
                        .append(cell(
                                c.path("id").asText() + " " + c.path("title").asText()))
                        .append(" | ")
                        .append(c.path("status").asText())
                        .append(c.path("overridden").asBoolean() ? " (overridden)" : "")
                        .append(" | ")
                        .append(cell(c.path("evidence").asText()))
                        .append(" |\n");
            }
        }
        md.append("\n### Test Status\n\n");
        List<String> rows = new ArrayList<>();
        if (gate.isPresent()) {
            for (JsonNode c : gate.get().path("criteria")) {
                if (c.path("check").asText().equals("junit")) rows.addAll(testRows(c));
            }
        }
        if (rows.isEmpty()) {
            md.append("No test report was part of the gate.\n");
        } else {
            md.append("| Suite | Pass | Fail | Skip | Source |\n|---|---|---|---|---|\n");
            rows.forEach(r -> md.append(r).append('\n'));
        }
    }

    /**
     * The rows of one junit criterion as {@code JunitCheck} writes its facts: a row a suite, or one row of the totals
     * ({@code tests}, {@code passed}, ...) when the facts name no suite. None when the check read no report.
     */
    private static List<String> testRows(JsonNode criterion) {
        JsonNode facts = criterion.path("facts");
        if (!facts.has("tests")) return List.of();
        String source = criterion.path("id").asText();
        List<String> rows = new ArrayList<>();
        for (JsonNode suite : facts.path("suites"))
            rows.add(testRow(suite.path("suite").asText(), suite, source));
        if (rows.isEmpty()) rows.add(testRow(criterion.path("title").asText(), facts, source));
        return rows;
    }

    private static String testRow(String suite, JsonNode counts, String source) {
        return "| " + cell(suite) + " | " + counts.path("passed").asText() + " | "
                + counts.path("failed").asText() + " | "
                + counts.path("skipped").asText() + " | " + source + " |";
    }

    private void changeSection(StringBuilder md, RunEvent.Started start) {
        md.append("\n### Change Summary\n\n");
        if (changes.entries().isEmpty()) {
            md.append("No change since the previous release.\n");
        } else {
            md.append("| Change | References | Type |\n|---|---|---|\n");
            for (Entry e : changes.entries()) {
                md.append("| ")
                        .append(MarkdownText.cell(e.scope().map(s -> s + ": ").orElse("") + e.description()))
                        .append(" (")
                        .append(e.shortHash())
                        .append(") | ")
                        .append(MarkdownText.cell(String.join(", ", e.tickets())))
                        .append(" | ")
                        .append(e.breaking() ? "breaking" : kind(e.type()))
                        .append(" |\n");
            }
        }
        md.append("\n### Rollback Plan\n\n");
        line(
                md,
                "Previous version",
                start.previousVersion() == null ? "none (first release)" : start.previousVersion());
        line(md, "Rollback script", withRunValues(rollbackScript, start));
        md.append("\n### Approvals\n\n");
        if (approvals.isEmpty()) md.append("- none recorded\n");
        for (Approval a : approvals) {
            md.append("- ")
                    .append(a.role())
                    .append(": ")
                    .append(MarkdownText.inline(a.person()))
                    .append(", ")
                    .append(when(a.at()))
                    .append(" (commit ")
                    .append(a.commit(), 0, Math.min(7, a.commit().length()))
                    .append(")")
                    .append(a.comment() == null ? "" : " — " + MarkdownText.inline(a.comment()))
                    .append('\n');
        }
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

    private void restrictionsSection(StringBuilder md) {
        md.append("\n### Restrictions\n\n");
        List<String> windows = new ArrayList<>();
        gate.ifPresent(g -> g.path("criteria").forEach(c -> {
            if (c.path("check").asText().equals("window"))
                windows.add(
                        c.path("status").asText() + ": " + c.path("evidence").asText());
        }));
        line(md, "Change-window restrictions", windows.isEmpty() ? "none in the gate" : String.join("; ", windows));
        line(
                md,
                "Manual approvals required",
                approvals.isEmpty()
                        ? "none recorded"
                        : approvals.size() + " given ("
                                + String.join(
                                        ", ",
                                        approvals.stream()
                                                .map(Approval::role)
                                                .distinct()
                                                .toList()) + ")");
        md.append("\n### Tracker State at Gate\n\n");
        List<String> tickets = tickets();
        line(
                md,
                "Tickets in scope",
                tickets.isEmpty()
                        ? "none referenced by the release's commits"
                        : tickets.size() + " (" + String.join(", ", tickets) + ")");
    }

    /** The tickets the release's commits refer to, each once, in order. */
    private List<String> tickets() {
        Set<String> tickets = new LinkedHashSet<>();
        changes.entries().forEach(e -> tickets.addAll(e.tickets()));
        return List.copyOf(tickets);
    }

    private void strategySection(StringBuilder md) {
        md.append("\n## Strategy Select (Phase 2)\n\n");
        first(RunEvent.StrategyChosen.class)
                .ifPresentOrElse(
                        s -> {
                            line(md, "Recommended", s.recommended().label() + " — the release type's default");
                            line(md, "Chosen", s.chosen().label() + (s.reason().isEmpty() ? "" : " — " + s.reason()));
                        },
                        () -> md.append("Not reached.\n"));
    }

    private void executeSection(StringBuilder md) {
        md.append("\n## Execute (Phase 3)\n\n");
        List<Action> actions = actions(false);
        if (actions.isEmpty()) {
            md.append("No action was taken.\n");
            return;
        }
        line(md, "Start", when(actions.get(0).start()));
        line(md, "End", when(actions.get(actions.size() - 1).end()));
        line(
                md,
                "Exit code",
                actions.stream()
                        .map(Action::finished)
                        .filter(f -> !f.ok())
                        .findFirst()
                        .map(f -> f.facts().getOrDefault("exitCode", "none") + " (" + f.stepId() + ")")
                        .orElse("0"));
        md.append('\n');
        actionTable(md, actions);
    }

    /** A target action with its times, as the report lists it. */
    private record Action(Instant start, Instant end, RunEvent.ActionFinished finished) {}

    /** The target actions that finished, those of phase 6 (the rollback) or those before it. */
    private List<Action> actions(boolean finishing) {
        Map<String, Instant> started = new LinkedHashMap<>();
        List<Action> actions = new ArrayList<>();
        boolean inFinish = false;
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.PhaseEntered p) inFinish = p.phase() == Phase.FINISH;
            if (logged.event() instanceof RunEvent.ActionStarted a) started.put(a.stepId(), logged.at());
            if (logged.event() instanceof RunEvent.ActionFinished f && inFinish == finishing) {
                actions.add(new Action(started.getOrDefault(f.stepId(), logged.at()), logged.at(), f));
            }
        }
        return actions;
    }

    private void actionTable(StringBuilder md, List<Action> actions) {
        md.append("| Step | Start | Took | Result | Message |\n|---|---|---|---|---|\n");
        for (Action a : actions) {
            md.append("| ")
                    .append(cell(a.finished().stepId()))
                    .append(" | ")
                    .append(when(a.start()))
                    .append(" | ")
                    .append(seconds(Duration.between(a.start(), a.end())))
                    .append(" | ")
                    .append(a.finished().ok() ? "done" : "failed")
                    .append(" | ")
                    .append(cell(a.finished().message()))
                    .append(" |\n");
        }
        for (Action a : actions) {
            List<String> output = a.finished().output();
            if (a.finished().ok() || output.isEmpty()) continue;
            List<String> tail = output.subList(Math.max(0, output.size() - OUTPUT_LINES), output.size());
            md.append("\nOutput of ")
                    .append(cell(a.finished().stepId()))
                    .append(output.size() > tail.size() ? " (last " + tail.size() + " lines)" : "")
                    .append(":\n\n");
            String fence = fence(tail);
            md.append(fence).append("text\n");
            tail.forEach(l -> md.append(l.replace("\r", "")).append('\n'));
            md.append(fence).append('\n');
        }
    }

    /** A code fence longer than any run of backticks in the lines, so none of them can close it. */
    private static String fence(List<String> lines) {
        int longest = 0;
        for (String line : lines) {
            int run = 0;
            for (char c : line.toCharArray()) {
                run = c == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private void smokeSection(StringBuilder md) {
        md.append("\n## Smoke Test (Phase 4)\n\n");
        List<RunEvent.ValidationRan> runs = all(RunEvent.ValidationRan.class);
        if (runs.isEmpty()) {
            md.append("No automated smoke test ran.\n");
            return;
        }
        line(md, "Mode", "the plan's validations, run by Gantry");
        line(
                md,
                "Start",
                when(first(RunEvent.ValidationRan.class).map(this::startOf).orElseThrow()));
        line(md, "End", when(last(RunEvent.ValidationRan.class).orElseThrow()));
        md.append('\n');
        md.append("| Test | Result | Notes |\n|---|---|---|\n");
        for (RunEvent.ValidationRan v : runs) {
            md.append("| ")
                    .append(cell(v.id() + " " + v.title()))
                    .append(" | ")
                    .append(v.passed() ? "Pass" : "Fail")
                    .append(" | ")
                    .append(v.millis())
                    .append(" ms; ")
                    .append(cell(v.notes()))
                    .append(" |\n");
        }
    }

    private void watchSection(StringBuilder md) {
        md.append("\n## Watch Window (Phase 5)\n\n");
        line(md, "Backend", metricSource);
        Set<String> metrics = new LinkedHashSet<>();
        List<SampleRow> rows = new ArrayList<>();
        for (RunLog.Logged logged : events) {
            if (!(logged.event() instanceof RunEvent.Sampled s)) continue;
            String metric = s.metric() != null ? s.metric() : s.trigger();
            metrics.add(metric);
            SampleRow row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            // The triggers read at one sample share a row: a row ends when a trigger comes round again.
            if (row == null || row.step() != s.step() || row.values().containsKey(metric)) {
                row = new SampleRow(logged.at(), s.step(), new LinkedHashMap<>());
                rows.add(row);
            }
            row.values()
                    .put(
                            metric,
                            (s.value() == null ? "no data" : reading(s.trigger(), s.value()))
                                    + (s.state() == Evaluation.State.OK ? "" : " " + s.state()));
            if (s.baseline() != null) {
                // The stable version at the same moment, beside the new one.
                String stable = metric + " (stable)";
                metrics.add(stable);
                row.values().put(stable, reading(s.trigger(), s.baseline()));
            }
        }
        if (rows.isEmpty()) {
            md.append("\nNo sample was taken.\n");
        } else {
            List<Instant> times = rows.stream().map(SampleRow::at).toList();
            line(md, "Duration", minutes(Duration.between(times.get(0), times.get(times.size() - 1))));
            line(md, "Cadence", minutes(cadence(times)));
            line(md, "Samples", String.valueOf(times.size()));
            // T+ counts from the deploy, as a person watching the release does.
            Instant first =
                    actions(false).stream().map(Action::start).findFirst().orElse(times.get(0));
            md.append("\n| T+ (m:ss) | Step |");
            metrics.forEach(m -> md.append(' ').append(m).append(" |"));
            md.append("\n|---|---|").append("---|".repeat(metrics.size())).append('\n');
            for (SampleRow row : rows) {
                long seconds = Duration.between(first, row.at()).toSeconds();
                md.append("| ")
                        .append(String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60))
                        .append(" | ")
                        .append(row.step())
                        .append(" |");
                metrics.forEach(m ->
                        md.append(' ').append(row.values().getOrDefault(m, "")).append(" |"));
                md.append('\n');
            }
        }
        md.append("\n### Threshold breaches\n\n");
        List<RunEvent.Breached> breaches = all(RunEvent.Breached.class);
        if (breaches.isEmpty()) md.append("- None\n");
        for (RunEvent.Breached b : breaches) {
            md.append("- ")
                    .append(b.trigger())
                    .append(" (")
                    .append(b.severity().name().toLowerCase(Locale.ROOT))
                    .append("): ")
                    .append(b.reason())
                    .append('\n');
        }
        for (RunEvent.Decided d : all(RunEvent.Decided.class)) {
            md.append("- ")
                    .append(d.proceed() ? "continued" : "rolled back")
                    .append(" by ")
                    .append(MarkdownText.inline(d.person()))
                    .append(": ")
                    .append(MarkdownText.inline(d.reason()))
                    .append('\n');
        }
    }

    private void finishSection(StringBuilder md, RunState state) {
        md.append("\n## Commit or Rollback (Phase 6)\n\n");
        if (state.end().isEmpty()) {
            md.append("The run has not ended.\n");
            return;
        }
        RunEvent.Ended end = state.end().get();
        switch (end.verdict()) {
            case RELEASED, RELEASED_WITH_OVERRIDE -> {
                line(md, "Released", MarkdownText.inline(end.reason()));
                line(md, "Tickets released", tickets().isEmpty() ? "none" : String.join(", ", tickets()));
                line(
                        md,
                        "Retrospective",
                        end.verdict() == Verdict.RELEASED
                                ? "at the end of the cycle"
                                : "due: the release passed with an override");
            }
            case ROLLED_BACK, ROLLBACK_FAILED -> {
                line(
                        md,
                        "Trigger",
                        state.rollback()
                                .map(r -> r.person() != null ? "user-elected (" + r.person() + ")" : "auto")
                                .orElse("auto"));
                line(md, "Reason", MarkdownText.inline(end.reason()));
                List<RunEvent.ValidationRan> after = all(RunEvent.ValidationRan.class).stream()
                        .filter(v -> v.id().endsWith("/after-rollback"))
                        .toList();
                line(
                        md,
                        "Post-rollback smoke",
                        after.isEmpty()
                                ? "none ran"
                                : after.stream().allMatch(RunEvent.ValidationRan::passed) ? "pass" : "fail");
                List<Action> rollback = actions(true);
                if (!rollback.isEmpty())
                    line(md, "Rollback start", when(rollback.get(0).start()));
                line(md, "Rollback end", when(last(RunEvent.Ended.class).orElseThrow()));
                line(md, "Tickets back in progress", tickets().isEmpty() ? "none" : String.join(", ", tickets()));
                line(md, "Incident retrospective", "due: the release was rolled back");
            }
            case ABORTED -> {
                line(md, "Phase that aborted", String.valueOf(abortedIn().number()));
                line(md, "Reason", MarkdownText.inline(end.reason()));
                line(md, "No live-system changes", end.liveChanged() ? "no" : "yes");
            }
        }
        all(RunEvent.Noted.class).forEach(n -> md.append("- ").append(n.what()).append('\n'));
        for (RunEvent.Notified n : all(RunEvent.Notified.class)) {
            md.append("- ")
                    .append(n.delivered() ? "notified " : "NOT notified ")
                    .append(n.channel())
                    .append(": ")
                    .append(n.detail())
                    .append('\n');
        }
        for (RunEvent.WatchGap g : all(RunEvent.WatchGap.class)) {
            md.append("- not watched from ")
                    .append(when(g.from()))
                    .append(" to ")
                    .append(when(g.to()))
                    .append(" (the coordinator was down); the watch was longer by that time\n");
        }
        List<Action> undone = actions(true);
        if (!undone.isEmpty()) {
            md.append("\n### Rollback steps\n\n");
            actionTable(md, undone);
        }
    }

    private void lessonsSection(StringBuilder md, RunState state) {
        md.append("\n## Lessons\n\n");
        List<RunEvent.LessonNoted> lessons = all(RunEvent.LessonNoted.class);
        for (RunEvent.LessonNoted l : lessons) {
            md.append("- ")
                    .append(MarkdownText.inline(l.lesson()))
                    .append(" (")
                    .append(MarkdownText.inline(l.person()))
                    .append(")\n");
        }
        if (lessons.isEmpty()) {
            md.append("- None written down yet: gantry report ")
                    .append(state.start().environment())
                    .append(" --lesson \"...\" --as NAME adds one.\n");
        }
    }

    /** The phase the run was in when it stopped: the last one before phase 6. */
    private Phase abortedIn() {
        Phase before = Phase.GATE;
        for (RunEvent.PhaseEntered p : all(RunEvent.PhaseEntered.class)) {
            if (p.phase() != Phase.FINISH) before = p.phase();
        }
        return before;
    }

    private Instant startOf(RunEvent.ValidationRan v) {
        return at(v).minusMillis(v.millis());
    }

    private Instant at(RunEvent event) {
        return events.stream()
                .filter(l -> l.event() == event)
                .findFirst()
                .orElseThrow()
                .at();
    }

    private <T extends RunEvent> Optional<Instant> last(Class<T> type) {
        Instant at = null;
        for (RunLog.Logged logged : events) if (type.isInstance(logged.event())) at = logged.at();
        return Optional.ofNullable(at);
    }

    /** The median gap between samples, to the second: the watch window's cadence. */
    private static Duration cadence(List<Instant> times) {
        if (times.size() < 2) return Duration.ZERO;
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) gaps.add(Duration.between(times.get(i - 1), times.get(i)));
        gaps.sort(null);
        return Duration.ofSeconds(Math.round(gaps.get(gaps.size() / 2).toMillis() / 1000.0));
    }

    /** The triggers' readings at one sample. */
    private record SampleRow(Instant at, int step, Map<String, String> values) {}

    private static String minutes(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 60 == 0
                ? seconds / 60 + " min"
                : String.format(Locale.ROOT, "%d:%02d min", seconds / 60, seconds % 60);
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

    private String when(Instant at) {
        return WHEN.format(at.atZone(zone));
    }

    private static void line(StringBuilder md, String field, String value) {
        md.append("- ").append(field).append(": ").append(value).append('\n');
    }

    private static String kind(String type) {
        return switch (type) {
            case "feat" -> "feature";
            case "fix" -> "fix";
            case "security" -> "security";
            default -> type.isEmpty() ? "other" : type;
        };
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** A trigger's reading in the unit its threshold states (17.07%, 840ms); a plain number without one. */
    private String reading(String triggerId, double value) {
        return triggers.stream()
                .filter(t -> t.id() != null && t.id().equals(triggerId) && t.threshold() != null)
                .findFirst()
                .map(t -> t.threshold().inUnit(value))
                .orElseGet(() -> number(value));
    }

    /** A number as people read it: at most six significant digits, no trailing zeros. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.valueOf((long) value);
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    static String cell(String text) {
        return text == null ? "" : text.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
