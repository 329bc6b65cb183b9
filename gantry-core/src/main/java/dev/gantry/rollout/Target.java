package dev.gantry.rollout;

import dev.gantry.plan.TargetSpec;

/**
 * What deploys a release and shifts traffic in one environment. Each kind is one record, bound from the plan's
 * {@code target: { type: ..., ... }} as a {@link TargetSpec} and named in {@link Targets}, which gives the target
 * of a spec. Every action carries an idempotency key ({@link TargetCall#stepId()}): a call repeated after a crash
 * has the same key, so the target can tell a repeat from a first call.
 *
 * <p>The faults of the outside world (a script that fails, hangs or cannot start) are a
 * {@link TargetResult.Status#FAILED} result that says what happened, never an exception.
 */
public interface Target extends TargetSpec {

    /** Puts {@code call.version()} on the environment (all of it, a batch, or the idle colour). */
    TargetResult deploy(TargetCall call);

    /** Sends {@code call.weight()} percent of the traffic to the new version. */
    TargetResult setWeight(TargetCall call);

    /** Makes the new version the only one: the old instances or colour are let go. */
    TargetResult promote(TargetCall call);

    /** Brings back {@code call.previousVersion()} with all the traffic. */
    TargetResult rollback(TargetCall call);

    /** What runs now, for {@code gantry status} and for a resumed run. */
    TargetResult status(TargetCall call);
}
