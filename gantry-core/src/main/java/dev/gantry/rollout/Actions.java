package dev.gantry.rollout;

import dev.gantry.rollout.RunEvent.ActionFinished;
import dev.gantry.rollout.RunEvent.ActionStarted;
import dev.gantry.store.StoreException;
import java.util.Optional;

/**
 * The target's actions, each recorded before and after. An action that finished (done or failed) is never called
 * again: its recorded result stands. One started and never finished is called again with the same step id, the
 * target's idempotency key.
 */
final class Actions {

    private final RunRecord record;

    Actions(RunRecord record) {
        this.record = record;
    }

    /** Whether the action with this step id was started, in this attempt or an earlier one. */
    boolean recorded(String stepId) {
        return record.all(ActionStarted.class).stream().anyMatch(a -> a.stepId().equals(stepId));
    }

    TargetResult act(Action action, String stepId, int weight, String colour, int step) throws StoreException {
        Optional<ActionFinished> finished = record.all(ActionFinished.class).stream()
                .filter(f -> f.stepId().equals(stepId))
                .findFirst();
        if (finished.isPresent()) {
            return finished.get().ok()
                    ? TargetResult.done(finished.get().message())
                    : TargetResult.failed(finished.get().message());
        }
        RunEngine.Request request = record.request();
        TargetCall call = new TargetCall(
                stepId,
                request.checks().root(),
                request.environment(),
                request.version(),
                request.previousVersion(),
                weight,
                colour,
                step,
                request.variables(),
                request.conduct().processes().orElse(request.checks().root().resolve(CommandTarget.LEDGER)));
        record.append(new ActionStarted(stepId, action, weight, step));
        Target target = request.target();
        TargetResult result;
        try {
            result = switch (action) {
                case DEPLOY -> target.deploy(call);
                case SET_WEIGHT -> target.setWeight(call);
                case PROMOTE -> target.promote(call);
                case ROLLBACK -> target.rollback(call);
                case STATUS -> target.status(call);
            };
        } catch (RuntimeException e) {
            // A target's own bug is a failed action, recorded like any other, never a dead coordinator.
            result = TargetResult.failed(action + " failed inside the target: " + e);
        }
        record.append(new ActionFinished(stepId, result.ok(), result.message(), result.output(), result.facts()));
        return result;
    }
}
