package dev.gantry.rollout;

import dev.gantry.analysis.Evaluation;
import dev.gantry.analysis.TriggerWatch;
import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.version.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A dry run of an environment's watch window: every rollback trigger read once, now, through the reader and the
 * watch a run uses, each with a fresh watch as at the start of a window. A relative trigger that does not compare
 * versions gets its baseline from the plan's {@code rollout.baseline} before now, as a run measures it before the
 * deploy.
 *
 * <p>A trigger passes only when its value is on the safe side of its threshold: a breach that has not lasted its
 * {@code for} yet would still fire if it went on, and no data is never a pass.
 */
public final class WatchTrial {

    private WatchTrial() {}

    /** Every trigger of the reader's environment, read at {@code now}, in the plan's order. */
    public static List<TriggerReader.Sample> now(Plan plan, TriggerReader reader, Instant now) {
        Duration before = plan.rollout().baseline();
        Duration step = plan.rollout().canary().cadence();
        List<TriggerReader.Sample> samples = new ArrayList<>();
        for (RollbackTrigger trigger : TriggerReader.triggers(plan, reader.environment())) {
            OptionalDouble baseline = reader.needsBaseline(trigger)
                    ? reader.baseline(trigger, now, before, step)
                    : OptionalDouble.empty();
            samples.add(reader.sample(TriggerWatch.of(trigger), now, baseline));
        }
        return List.copyOf(samples);
    }

    /** Whether a run that sampled these now would go on: every trigger on the safe side of its threshold. */
    public static boolean passes(List<TriggerReader.Sample> samples) {
        return samples.stream().allMatch(s -> s.evaluation().state() == Evaluation.State.OK);
    }

    /** The version users of the environment have now: that of its last run that ended released. */
    public static Optional<Version> live(List<RunLog.Summary> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            RunLog.Summary run = history.get(i);
            if (run.end().map(e -> e.verdict().released()).orElse(false))
                return Optional.of(Version.parse(run.version()));
        }
        return Optional.empty();
    }
}
