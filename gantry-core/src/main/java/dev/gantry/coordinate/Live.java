package dev.gantry.coordinate;

import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What runs in an environment now, from its history: each Released run puts its version on top, and a person's
 * rollback that succeeded takes it off again. A run that rolled back by itself left the version before it live.
 */
record Live(List<RunBinding> released) {

    static Live of(String environment, List<RunLog.Summary> history) {
        List<RunBinding> stack = new ArrayList<>();
        for (RunLog.Summary run : history) {
            Optional<Verdict> verdict = run.end().map(e -> e.verdict());
            if (verdict.isEmpty()) continue;
            RunBinding binding = new RunBinding(run.runId(), environment, run.version(), run.commit());
            if (run.manualRollback()) {
                // A person's rollback brought back its previous version: everything released after it is gone.
                if (verdict.get() == Verdict.ROLLED_BACK) {
                    while (!stack.isEmpty()
                            && !stack.get(stack.size() - 1)
                                    .version()
                                    .equals(run.previousVersion().orElse(""))) {
                        stack.remove(stack.size() - 1);
                    }
                }
            } else if (verdict.get().released()) {
                stack.add(binding);
            }
        }
        return new Live(List.copyOf(stack));
    }

    /** The version live now, if any run released one. */
    Optional<RunBinding> now() {
        return released.isEmpty() ? Optional.empty() : Optional.of(released.get(released.size() - 1));
    }

    /** The version to go back to: {@code version} when given (it must have been released here), else the one before. */
    Optional<RunBinding> before(Optional<String> version) {
        if (released.size() < 1) return Optional.empty();
        String current = released.get(released.size() - 1).version();
        for (int i = released.size() - 2; i >= 0; i--) {
            RunBinding candidate = released.get(i);
            if (candidate.version().equals(current)) continue;
            if (version.isEmpty() || version.get().equals(candidate.version())) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
