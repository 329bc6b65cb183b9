package dev.gantry.rollout;

import dev.gantry.plan.Flag;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.RunEvent.Noted;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.RollbackDecided;
import dev.gantry.store.StoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase 6 when the run goes back: seed 004's order, traffic back, the target's rollback, a smoke test of the
 * version brought back, the people told. Every step is an action or a validation with its own key, so a crash in
 * the middle is carried on from where it stopped, and nothing is undone twice. Rolled-Back is said only when
 * traffic went back, the target's rollback succeeded and the version brought back passed its smoke test;
 * anything less is Rollback-Failed.
 */
final class Rollback {

    private final RunRecord record;
    private final Actions actions;
    private final SmokeTest smoke;
    private final Announcements announcements;

    Rollback(RunRecord record, Actions actions, SmokeTest smoke, Announcements announcements) {
        this.record = record;
        this.actions = actions;
        this.smoke = smoke;
        this.announcements = announcements;
    }

    /** Decides the rollback, unless it was decided already, before any rollback action. */
    void decide(RollbackCause cause, String reason) throws StoreException {
        if (record.state().rollback().isEmpty()) record.append(new RollbackDecided(cause, reason, null, 0));
    }

    /** Carries the decided rollback on to its end; {@code strategy} is null when none was chosen. */
    RunState carryOn(Strategy strategy) throws StoreException {
        RollbackDecided decided = record.state().rollback().orElseThrow();
        String runId = record.request().runId();
        if (record.state().phase() != Phase.FINISH) record.append(new PhaseEntered(Phase.FINISH));
        RunState state = record.state();
        boolean manual = decided.cause() == RollbackCause.MANUAL_ROLLBACK;
        if (!manual && !state.liveChanged()) {
            if (!state.touched()) {
                String reason = decided.reason() + "; nothing was changed";
                announcements.announce(Verdict.ABORTED, reason);
                return end(Verdict.ABORTED, reason, false);
            }
            TargetResult undone = actions.act(Action.ROLLBACK, runId + "/rollback", 0, "", 0);
            String reason = decided.reason() + "; nothing live was changed, and the deploy without traffic was "
                    + (undone.ok() ? "undone" : "not undone: " + undone.message());
            announcements.announce(Verdict.ABORTED, reason);
            return end(Verdict.ABORTED, reason, false);
        }
        flags();
        List<String> failures = new ArrayList<>();
        boolean weighted = strategy == Strategy.CANARY || strategy == Strategy.BLUE_GREEN;
        String trafficBack = runId + "/traffic-back";
        // Traffic goes back whenever a weight was asked for, even one that failed or never reported back: a
        // failed set-weight may have moved some of it.
        boolean weightAsked = record.all(RunEvent.ActionStarted.class).stream()
                .anyMatch(a -> a.action() == Action.SET_WEIGHT && a.weight() > 0);
        if (weighted && (state.weight() > 0 || weightAsked || actions.recorded(trafficBack))) {
            TargetResult back = actions.act(Action.SET_WEIGHT, trafficBack, 0, "", 0);
            if (!back.ok()) failures.add("traffic did not go back: " + back.message());
        }
        TargetResult back = actions.act(Action.ROLLBACK, runId + "/rollback", 0, "", 0);
        if (!back.ok()) failures.add("the target's rollback failed: " + back.message());
        SmokeTest.Verification verified = smoke.afterRollback();
        if (verified == SmokeTest.Verification.FAILED) failures.add("the version brought back failed its smoke test");
        Verdict verdict = failures.isEmpty() ? Verdict.ROLLED_BACK : Verdict.ROLLBACK_FAILED;
        String reason =
                decided.reason() + (failures.isEmpty() ? "" : "; ROLLBACK FAILED: " + String.join("; ", failures));
        announcements.announce(verdict, reason);
        return end(verdict, reason, true);
    }

    /** Says what the plan lists of feature flags: Gantry does not switch them, so it claims nothing more. */
    private void flags() throws StoreException {
        List<Flag> flags = record.request().plan().flags();
        if (flags.isEmpty()) return;
        String note = "feature flags "
                + String.join(", ", flags.stream().map(Flag::name).toList())
                + " are listed by the plan; Gantry does not switch flags, so none was turned off";
        if (record.all(Noted.class).stream().noneMatch(n -> n.what().equals(note))) record.append(new Noted(note));
    }

    private RunState end(Verdict verdict, String reason, boolean liveChanged) throws StoreException {
        record.append(new RunEvent.Ended(verdict, reason, liveChanged));
        return record.state();
    }
}
