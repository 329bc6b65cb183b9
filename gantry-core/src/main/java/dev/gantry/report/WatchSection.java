package dev.gantry.report;

import dev.gantry.analysis.Evaluation;
import dev.gantry.rollout.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 5: the samples of the watch window, the breaches and people's decisions on them, and a chart a metric.
 *
 * @param backend where the numbers came from
 * @param columns the metrics in the order they were first read; a metric read from the stable version too has a
 *     column "{metric} (stable)" after its own
 * @param rows the readings at each sample
 * @param from where T+ counts from: the first action of the run (the deploy), as a person watching the release
 *     counts, or the first sample when there was none
 */
public record WatchSection(
        String backend,
        List<String> columns,
        List<SampleRow> rows,
        Instant from,
        List<RunEvent.Breached> breaches,
        List<RunEvent.Decided> decisions,
        List<Chart> charts) {

    public WatchSection {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        breaches = List.copyOf(breaches);
        decisions = List.copyOf(decisions);
        charts = List.copyOf(charts);
    }

    /** The triggers' readings at one sample, by column. */
    public record SampleRow(Instant at, int step, Map<String, Reading> values) {
        public SampleRow {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * One reading as the report shows it.
     *
     * @param shown the value in the unit its threshold states ({@code 0.4%}, {@code 840ms}), or "no data"
     */
    public record Reading(String shown, Evaluation.State state) {

        /** The value with the trigger's state after it when that is not OK: "5% FIRED". */
        public String text() {
            return shown + (state == Evaluation.State.OK ? "" : " " + state);
        }
    }

    /** From the first sample to the last. */
    public Duration duration() {
        return rows.isEmpty()
                ? Duration.ZERO
                : Duration.between(rows.get(0).at(), rows.get(rows.size() - 1).at());
    }

    /** The median gap between samples, to the second. */
    public Duration cadence() {
        if (rows.size() < 2) return Duration.ZERO;
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++)
            gaps.add(Duration.between(rows.get(i - 1).at(), rows.get(i).at()));
        gaps.sort(null);
        return Duration.ofSeconds(Math.round(gaps.get(gaps.size() / 2).toMillis() / 1000.0));
    }

    /** Time since {@link #from}. */
    public Duration since(Instant at) {
        return Duration.between(from, at);
    }
}
