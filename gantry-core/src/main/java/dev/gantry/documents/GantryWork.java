package dev.gantry.documents;

import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.NotesWritten;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checklist items Gantry did itself, read from the runs it recorded and the notes it wrote: the deploy to
 * staging and the production deploy (a Released run), their smoke tests (every validation of that run passed) and
 * the release notes. Of several runs the latest released one counts.
 */
public final class GantryWork {

    /** A run of the release as the store keeps it. */
    public record RecordedRun(String id, String environment, List<RunLog.Logged> events) {
        public RecordedRun {
            events = List.copyOf(events);
        }
    }

    private GantryWork() {}

    /**
     * What Gantry did for the checklist of {@code environment}, by item key.
     *
     * @param stagings the environments that stand for staging: those {@code environment} requires
     */
    public static Map<String, ItemState.DoneByGantry> of(
            String environment, Set<String> stagings, List<RecordedRun> runs, List<NotesWritten> notes) {
        Map<String, ItemState.DoneByGantry> done = new LinkedHashMap<>();
        for (RecordedRun run : runs) {
            Optional<Instant> released = released(run);
            if (released.isEmpty()) continue;
            boolean staging = stagings.contains(run.environment());
            if (!staging && !run.environment().equals(environment)) continue;
            String deployKey = staging ? "staging-deploy" : "deployed";
            String smokeKey = staging ? "staging-smoke" : "smoke-tests";
            latest(
                    done,
                    deployKey,
                    new ItemState.DoneByGantry("released in " + run.environment(), "run " + run.id(), released.get()));
            smokePassed(run)
                    .ifPresent(at -> latest(
                            done,
                            smokeKey,
                            new ItemState.DoneByGantry(
                                    "smoke tests passed in " + run.environment(), "run " + run.id(), at)));
        }
        for (NotesWritten n : notes) {
            latest(
                    done,
                    "release-notes",
                    new ItemState.DoneByGantry("written to " + n.file(), "gantry notes by " + n.person(), n.at()));
        }
        return done;
    }

    private static void latest(Map<String, ItemState.DoneByGantry> done, String key, ItemState.DoneByGantry state) {
        done.merge(key, state, (a, b) -> b.at().isBefore(a.at()) ? a : b);
    }

    /** When the run ended Released (with or without an override); empty for any other end. */
    private static Optional<Instant> released(RecordedRun run) {
        for (RunLog.Logged logged : run.events()) {
            if (logged.event() instanceof RunEvent.Ended e
                    && (e.verdict() == Verdict.RELEASED || e.verdict() == Verdict.RELEASED_WITH_OVERRIDE)) {
                return Optional.of(logged.at());
            }
        }
        return Optional.empty();
    }

    /** When the last smoke test after the deploy ran, if the run had some and every one passed. */
    private static Optional<Instant> smokePassed(RecordedRun run) {
        Instant last = null;
        for (RunLog.Logged logged : run.events()) {
            if (logged.event() instanceof RunEvent.ValidationRan v && !v.id().contains("/")) {
                if (!v.passed()) return Optional.empty();
                last = logged.at();
            }
        }
        return Optional.ofNullable(last);
    }
}
