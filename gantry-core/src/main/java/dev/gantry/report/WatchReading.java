package dev.gantry.report;

import dev.gantry.analysis.Evaluation;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Threshold;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Reads phase 5 of a run from its events: the table of samples and a chart of each watched metric. */
final class WatchReading {

    private final List<RunLog.Logged> events;
    private final List<RollbackTrigger> triggers;
    private final String backend;

    WatchReading(List<RunLog.Logged> events, List<RollbackTrigger> triggers, String backend) {
        this.events = events;
        this.triggers = triggers;
        this.backend = backend;
    }

    /** @param deployed when the first action began; T+ counts from there */
    WatchSection section(Optional<Instant> deployed) {
        Set<String> columns = new LinkedHashSet<>();
        List<WatchSection.SampleRow> rows = new ArrayList<>();
        Map<String, Map<String, WatchSection.Reading>> values = new LinkedHashMap<>();
        Instant rowAt = null;
        int rowStep = -1;
        Map<String, WatchSection.Reading> row = null;
        for (RunLog.Logged logged : events) {
            if (!(logged.event() instanceof RunEvent.Sampled s)) continue;
            String metric = s.metric() != null ? s.metric() : s.trigger();
            columns.add(metric);
            // The triggers read at one sample share a row: a row ends when a trigger comes round again.
            if (row == null || rowStep != s.step() || row.containsKey(metric)) {
                if (row != null) rows.add(new WatchSection.SampleRow(rowAt, rowStep, row));
                row = new LinkedHashMap<>();
                rowAt = logged.at();
                rowStep = s.step();
            }
            String shown = s.value() == null ? "no data" : format(s.trigger(), metric, s.value());
            row.put(metric, new WatchSection.Reading(shown, s.state()));
            if (s.baseline() != null) {
                // The stable version at the same moment, beside the new one.
                String stable = metric + " (stable)";
                columns.add(stable);
                row.put(
                        stable,
                        new WatchSection.Reading(format(s.trigger(), metric, s.baseline()), Evaluation.State.OK));
            }
        }
        if (row != null) rows.add(new WatchSection.SampleRow(rowAt, rowStep, row));
        Instant from = deployed.orElse(
                rows.isEmpty() ? events.get(0).at() : rows.get(0).at());
        return new WatchSection(
                backend,
                List.copyOf(columns),
                rows,
                from,
                all(RunEvent.Breached.class),
                all(RunEvent.Decided.class),
                charts(from));
    }

    /** One chart a trigger that was read, in the order they were first read. */
    private List<Chart> charts(Instant from) {
        Map<String, List<Chart.Point>> canary = new LinkedHashMap<>();
        Map<String, List<Chart.Point>> stable = new LinkedHashMap<>();
        Map<String, String> metrics = new LinkedHashMap<>();
        Map<String, Double> baselines = new LinkedHashMap<>();
        List<Chart.Mark> marks = new ArrayList<>();
        boolean finishing = false;
        for (RunLog.Logged logged : events) {
            RunEvent event = logged.event();
            java.time.Duration at = java.time.Duration.between(from, logged.at());
            if (event instanceof RunEvent.PhaseEntered p) finishing = p.phase() == Phase.FINISH;
            if (event instanceof RunEvent.BaselineMeasured b && b.value() != null)
                baselines.put(b.trigger(), b.value());
            if (event instanceof RunEvent.ActionStarted a && !finishing && RunReport.stepForward(a))
                marks.add(new Chart.Mark(at, "step " + a.step() + " · " + a.weight() + "%"));
            if (event instanceof RunEvent.ActionStarted
                    && finishing
                    && marks.stream().noneMatch(m -> m.label().equals("rollback")))
                marks.add(new Chart.Mark(at, "rollback"));
            if (!(event instanceof RunEvent.Sampled s)) continue;
            metrics.putIfAbsent(s.trigger(), s.metric() != null ? s.metric() : s.trigger());
            canary.computeIfAbsent(s.trigger(), k -> new ArrayList<>());
            if (s.value() != null) canary.get(s.trigger()).add(new Chart.Point(at, s.value(), s.state()));
            if (s.baseline() != null)
                stable.computeIfAbsent(s.trigger(), k -> new ArrayList<>())
                        .add(new Chart.Point(at, s.baseline(), Evaluation.State.OK));
        }
        List<Chart> charts = new ArrayList<>();
        for (Map.Entry<String, List<Chart.Point>> series : canary.entrySet()) {
            if (series.getValue().isEmpty()) continue;
            Optional<Threshold> threshold = trigger(series.getKey()).map(RollbackTrigger::threshold);
            OptionalDouble limit = threshold
                    .map(t -> Chart.limit(t, baselines.get(series.getKey())))
                    .orElse(OptionalDouble.empty());
            charts.add(new Chart(
                    series.getKey(),
                    metrics.get(series.getKey()),
                    threshold,
                    limit,
                    series.getValue(),
                    stable.getOrDefault(series.getKey(), List.of()),
                    marks));
        }
        return charts;
    }

    private Optional<RollbackTrigger> trigger(String id) {
        return triggers.stream()
                .filter(t -> t.id() != null && t.id().equals(id) && t.threshold() != null)
                .findFirst();
    }

    private String format(String triggerId, String metric, double value) {
        return Chart.format(trigger(triggerId).map(RollbackTrigger::threshold), metric, value);
    }

    private <T extends RunEvent> List<T> all(Class<T> type) {
        return events.stream()
                .map(RunLog.Logged::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
