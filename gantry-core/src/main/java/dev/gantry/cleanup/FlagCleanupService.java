package dev.gantry.cleanup;

import dev.gantry.plan.Flag;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which flags are due for removal: a flag's lifetime starts when the release that introduces it first reaches
 * 100% in the environment (a run of it ended Released), and the places in code that still name it are what the
 * removal has to change. Release flags live 14 days and experiments 28 (the release process's cleanup times) unless the plan
 * says otherwise; operational, permission and kill-switch flags are kept.
 */
public final class FlagCleanupService {

    private final Store store;
    private final FlagReads reads;

    public FlagCleanupService(Store store, FlagReads reads) {
        this.store = store;
        this.reads = reads;
    }

    /** The plan's flags in {@code environment} at {@code now}, and the flags code reads without a definition. */
    public FlagCleanup check(Plan plan, String environment, Instant now) throws StoreException {
        Map<String, Instant> rolledOut = firstReleased(environment);
        List<String> names = plan.flags().stream().map(Flag::name).toList();
        Map<String, List<CodePlace>> places = reads.of(names);
        List<FlagCleanup.Entry> entries = new ArrayList<>();
        for (Flag flag : plan.flags()) {
            FlagLifetime lifetime = lifetime(flag, rolledOut);
            entries.add(new FlagCleanup.Entry(
                    flag, lifetime, lifetime.overdue(now), places.getOrDefault(flag.name(), List.of())));
        }
        List<FlagCleanup.Undefined> undefined = new ArrayList<>();
        reads.calledBesides(names).forEach((name, where) -> undefined.add(new FlagCleanup.Undefined(name, where)));
        return new FlagCleanup(environment, now, entries, undefined);
    }

    private static FlagLifetime lifetime(Flag flag, Map<String, Instant> rolledOut) {
        Optional<Duration> lifetime = flag.lifetime();
        if (lifetime.isEmpty()) return new FlagLifetime.Kept(flag.type());
        Optional<String> version = flag.introducedIn();
        if (version.isEmpty()) return new FlagLifetime.NoRelease(lifetime.get());
        Instant at = rolledOut.get(version.get());
        return at == null
                ? new FlagLifetime.NotRolledOut(version.get(), lifetime.get())
                : new FlagLifetime.Counting(version.get(), at, lifetime.get());
    }

    /** When each version's first run in the environment ended Released: its 100% rollout. */
    private Map<String, Instant> firstReleased(String environment) throws StoreException {
        Map<String, Instant> first = new HashMap<>();
        for (RunLog.Summary run : new RunLog(store).history(environment)) {
            if (run.manualRollback() || run.end().isEmpty() || run.ended().isEmpty()) continue;
            if (!run.end().get().verdict().released()) continue;
            first.merge(run.version(), run.ended().get(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return first;
    }
}
