package dev.gantry.rollout;

import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Checks;
import dev.gantry.plan.Escalation;
import dev.gantry.plan.Validation;
import dev.gantry.rollout.RunEvent.Noted;
import dev.gantry.rollout.RunEvent.Paused;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.ValidationRan;
import dev.gantry.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Phase 4: the plan's validations for the environment, each run once per run and its result kept: a run taken
 * up again after a crash uses the recorded result of a validation that ran, and runs only those that did not.
 */
final class SmokeTest {

    /** The post-rollback smoke test's ids end with this, which tells its results apart. */
    static final String AFTER_ROLLBACK = "/after-rollback";

    private final RunRecord record;

    SmokeTest(RunRecord record) {
        this.record = record;
    }

    /** The smoke test after the deploy: a failure rolls back or pauses, as the validation's escalation says. */
    Step afterDeploy() throws StoreException {
        enter(false);
        Step step = Step.ON;
        for (Validation v : validations()) {
            Optional<ValidationRan> ran = run(v, "");
            if (ran.isEmpty() || ran.get().passed()) continue;
            String reason = "smoke test " + v.id() + " failed: " + ran.get().notes();
            if (v.escalation() == Escalation.ROLLBACK) return Step.back(RollbackCause.SMOKE_TEST_FAILED, reason);
            if (v.escalation() == Escalation.PAUSE && step == Step.ON) {
                // Paused once for this failure: a person decided since, or the run waits for one.
                boolean paused = record.all(Paused.class).stream()
                        .anyMatch(p -> p.reason().equals(reason));
                if (!paused) {
                    record.append(new Paused(reason, false, 0));
                    step = Step.WAIT;
                }
            }
        }
        return step;
    }

    /** What the smoke test after a rollback found of the version brought back. */
    enum Verification {
        PASSED,
        FAILED,
        /** No automated validation applies to the environment: nothing was verified. */
        NONE
    }

    /** The smoke test after a rollback, of the version brought back. */
    Verification afterRollback() throws StoreException {
        enter(true);
        boolean passed = true;
        boolean ran = false;
        for (Validation v : validations()) {
            Optional<ValidationRan> result = run(v, AFTER_ROLLBACK);
            if (result.isEmpty()) continue;
            ran = true;
            if (!result.get().passed()) passed = false;
        }
        return !ran ? Verification.NONE : passed ? Verification.PASSED : Verification.FAILED;
    }

    /** Enters phase 4 once for each of the two smoke tests, the one after the deploy and the one after a rollback. */
    private void enter(boolean afterRollback) throws StoreException {
        boolean rolledBack = false;
        for (RunLog.Logged logged : record.events()) {
            if (logged.event() instanceof RunEvent.RollbackDecided) rolledBack = true;
            if (logged.event() instanceof PhaseEntered p
                    && p.phase() == Phase.SMOKE_TEST
                    && rolledBack == afterRollback) return;
        }
        record.append(new PhaseEntered(Phase.SMOKE_TEST));
    }

    private Iterable<Validation> validations() {
        String environment = record.request().environment();
        return record.request().plan().validation().stream()
                .filter(v -> v.environments().isEmpty() || v.environments().contains(environment))
                .toList();
    }

    /** The validation's result, run now or as recorded; empty for a manual validation. */
    private Optional<ValidationRan> run(Validation v, String suffix) throws StoreException {
        String id = v.id() + suffix;
        Optional<ValidationRan> recorded = record.all(ValidationRan.class).stream()
                .filter(r -> r.id().equals(id))
                .findFirst();
        if (recorded.isPresent()) return recorded;
        if (v.check() == null) {
            String note = "validation " + id + " (" + v.title() + ") is manual: "
                    + (v.owner() == null ? "its owner" : v.owner()) + " verifies it";
            if (record.all(Noted.class).stream().noneMatch(n -> n.what().equals(note))) record.append(new Noted(note));
            return Optional.empty();
        }
        Time time = record.time();
        Instant before = time.now();
        CheckResult result = Checks.check(v.check())
                .evaluate(
                        suffix.equals(AFTER_ROLLBACK)
                                ? broughtBack()
                                : record.request().checks());
        boolean passed = result.status() == CheckResult.Status.MET;
        long millis = Duration.between(before, time.now()).toMillis();
        ValidationRan ran = new ValidationRan(id, v.title(), passed, millis, result.evidence());
        record.append(ran);
        return Optional.of(ran);
    }

    /**
     * What the smoke test after a rollback checks: the version brought back, so that {version}, {tag}, {commit}
     * and the GANTRY_* variables name it, not the version that was taken down.
     */
    private CheckContext broughtBack() {
        RunEngine.Request request = record.request();
        CheckContext now = request.checks();
        if (request.previousVersion().isEmpty()) return now;
        dev.gantry.version.Version back = request.previousVersion().get();
        String tag = request.plan().versioning().tags().format(back);
        String commit = request.previousCommit().orElse(now.commit());
        java.util.Map<String, String> variables = new java.util.LinkedHashMap<>(now.variables());
        variables.put("GANTRY_VERSION", back.toString());
        variables.put("GANTRY_TAG", tag);
        variables.put("GANTRY_COMMIT", commit);
        return new CheckContext(
                now.root(),
                now.git(),
                now.plan(),
                now.environment(),
                back,
                tag,
                now.previousTag(),
                commit,
                now.releaseType(),
                now.breaking(),
                now.clock(),
                now.log(),
                variables);
    }
}
