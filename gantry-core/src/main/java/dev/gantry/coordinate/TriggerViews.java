package dev.gantry.coordinate;

import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Threshold;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each rollback trigger of a run's environment with its last sample, folded from the run's events. */
final class TriggerViews {

    private TriggerViews() {}

    /** The environment's triggers as the engine watches them, then any sampled trigger the plan no longer has. */
    static List<RunView.TriggerView> of(List<RunLog.Logged> events, Plan plan, String environment) {
        Map<String, TriggerState> states = new LinkedHashMap<>();
        for (RollbackTrigger t : plan.rollback()) {
            if (t.threshold() == null) continue;
            if (!t.environments().isEmpty() && !t.environments().contains(environment)) continue;
            states.put(t.id(), new TriggerState(Optional.of(t)));
        }
        for (RunLog.Logged logged : events) {
            RunEvent event = logged.event();
            if (event instanceof RunEvent.Decided d && d.proceed()) {
                // Going on past a breach starts every trigger's watch afresh, as the engine does.
                states.values().forEach(TriggerState::restart);
            } else if (event instanceof RunEvent.BaselineMeasured b) {
                states.computeIfAbsent(b.trigger(), id -> new TriggerState(Optional.empty())).baseline = b.value();
            } else if (event instanceof RunEvent.Sampled s) {
                states.computeIfAbsent(s.trigger(), id -> new TriggerState(Optional.empty()))
                        .observe(s, logged.at());
            }
        }
        List<RunView.TriggerView> views = new ArrayList<>();
        states.forEach((id, state) -> views.add(state.view(id)));
        return views;
    }

    /** One trigger folded over the samples: the last one, since when it breaches, how many had no data in a row. */
    private static final class TriggerState {
        private final Optional<RollbackTrigger> trigger;
        private RunEvent.Sampled last;
        private Instant lastAt;
        private Instant breachSince;
        private int missing;
        private boolean restarted;
        private Double baseline;

        TriggerState(Optional<RollbackTrigger> trigger) {
            this.trigger = trigger;
        }

        /** From the next sample on: the last one keeps saying what it said when it was taken. */
        void restart() {
            restarted = true;
        }

        void observe(RunEvent.Sampled sample, Instant at) {
            if (restarted) {
                breachSince = null;
                missing = 0;
                restarted = false;
            }
            last = sample;
            lastAt = at;
            switch (sample.state()) {
                case OK -> {
                    breachSince = null;
                    missing = 0;
                }
                case BREACHING, FIRED -> {
                    missing = 0;
                    if (breachSince == null) breachSince = at;
                }
                // A gap neither ends a breach nor extends it.
                case NO_DATA, NO_DATA_FIRED -> missing++;
            }
        }

        RunView.TriggerView view(String id) {
            String metric = trigger.map(RollbackTrigger::metric)
                    .or(() -> Optional.ofNullable(last).map(RunEvent.Sampled::metric))
                    .orElse("");
            String threshold = trigger.map(t -> t.threshold().toString()).orElse("");
            if (last == null) return new RunView.TriggerView(id, metric, threshold, "", "no sample yet");
            return new RunView.TriggerView(id, metric, threshold, value(), state());
        }

        private String value() {
            if (last.value() == null) return "no data";
            if (trigger.isEmpty()) return SampleText.number(last.value());
            Threshold.Unit unit = trigger.get().threshold().unit();
            Double reference = last.baseline() != null ? last.baseline() : baseline;
            String value = SampleText.of(unit, last.value(), reference);
            // Beside an absolute threshold, the stable version's value at the same moment, when it was read.
            if (unit != Threshold.Unit.TIMES_BASELINE && last.baseline() != null) {
                value += " (stable " + SampleText.of(unit, last.baseline(), null) + ")";
            }
            return value;
        }

        private String state() {
            int allowed = trigger.map(RollbackTrigger::noData).orElse(missing);
            return switch (last.state()) {
                case OK -> "ok";
                case BREACHING ->
                    "breaching for " + SampleText.duration(Duration.between(breachSince, lastAt))
                            + trigger.map(t -> " of " + SampleText.duration(t.sustained()))
                                    .orElse("")
                            + " (since " + SampleText.clock(breachSince) + ")";
                case FIRED -> "fired (breaching since " + SampleText.clock(breachSince) + ")";
                case NO_DATA -> "no data " + missing + " of " + allowed + noDataWhy();
                case NO_DATA_FIRED -> "fired: no data for " + missing + " samples" + noDataWhy();
            };
        }

        private String noDataWhy() {
            if (last.problem() == null || last.problem().isBlank()) return "";
            return " (" + last.problem().strip().replaceAll("\\s*\\R\\s*", " ") + ")";
        }
    }
}
