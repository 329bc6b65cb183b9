package dev.gantry.report;

import dev.gantry.plan.RollbackTrigger;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import java.util.List;
import java.util.Optional;

/** The charts of a run still under way, drawn as its report will draw them: for a page that shows the run live. */
public final class LiveCharts {

    /** One trigger's chart: the trigger's id and the chart as SVG. */
    public record LiveChart(String trigger, String svg) {}

    private LiveCharts() {}

    /**
     * One SVG chart for each trigger read so far: the new version and the stable one against the threshold, T+ from
     * the first action, a line where each step began. Every text in it is escaped.
     *
     * @param events the run's events so far, oldest first
     * @param triggers the plan's rollback triggers
     */
    public static List<LiveChart> of(List<RunLog.Logged> events, List<RollbackTrigger> triggers) {
        if (events.isEmpty()) return List.of();
        Optional<java.time.Instant> deployed = events.stream()
                .filter(e -> e.event() instanceof RunEvent.ActionStarted)
                .map(RunLog.Logged::at)
                .findFirst();
        return new WatchReading(events, triggers, "")
                .section(deployed).charts().stream()
                        .map(chart -> new LiveChart(chart.trigger(), SvgChart.render(chart)))
                        .toList();
    }
}
