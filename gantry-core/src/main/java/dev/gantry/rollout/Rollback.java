package dev.gantry.rollout;

import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.plan.Flag;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.RunEvent.FlagTurnedOff;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.RollbackDecided;
import dev.gantry.store.StoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Phase 6 when the run goes back: seed 004's order, the release's flags off, traffic back, the target's rollback, a smoke test of the
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
    private final FlagStates flags;

    Rollback(RunRecord record, Actions actions, SmokeTest smoke, Announcements announcements, FlagStates flags) {
        this.flags = flags;
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
        flags(decided);
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

    /**
     * Turns off, in the run's environment, every flag the plan ties to the version going back that is on (kill
     * switches aside), and records each after its change is stored. Run again after a crash, a flag this run turned
     * off is recorded from the change already stored, never turned off twice; one recorded already is left alone.
     */
    private void flags(RollbackDecided decided) throws StoreException {
        RunEngine.Request request = record.request();
        String version = request.version().toString();
        Set<String> recorded = new HashSet<>();
        record.all(FlagTurnedOff.class).forEach(f -> recorded.add(f.flag()));
        String actor = decided.person() == null ? "" : decided.person();
        String reason = "rollback of " + version + " in " + request.environment() + ": " + decided.reason();
        for (Flag flag : request.plan().flagsOfRelease(version)) {
            if (recorded.contains(flag.name())) continue;
            Optional<FlagEvent> off;
            try {
                off = flags.turnOffFor(
                        request.plan(),
                        request.environment(),
                        flag.name(),
                        request.runId(),
                        actor,
                        reason,
                        record.time().now());
            } catch (FlagRefused e) {
                // The flag is the plan's and the environment the run's: a refusal is a bug, not a user's error.
                throw new IllegalStateException("turning off " + flag.name() + ": " + e.getMessage(), e);
            }
            if (off.isPresent())
                record.append(
                        new FlagTurnedOff(flag.name(), off.get().at(), off.get().sequence()));
        }
    }

    private RunState end(Verdict verdict, String reason, boolean liveChanged) throws StoreException {
        record.append(new RunEvent.Ended(verdict, reason, liveChanged));
        return record.state();
    }
}
