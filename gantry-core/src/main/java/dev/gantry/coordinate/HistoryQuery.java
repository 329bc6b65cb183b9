package dev.gantry.coordinate;

import dev.gantry.rollout.RunLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Past runs, newest first: the use-case behind {@code gantry history} and the server's. */
public final class HistoryQuery {

    /** One run and the environment it ran in. */
    public record Entry(String environment, RunLog.Summary run) {}

    private final RunLog log;

    public HistoryQuery(Store store) {
        this.log = new RunLog(store);
    }

    /** The last {@code limit} runs of the environments, newest first. */
    public List<Entry> newestFirst(List<String> environments, int limit) throws StoreException {
        if (limit < 1) throw new IllegalArgumentException("a history lists at least one run, not " + limit);
        List<Entry> entries = new ArrayList<>();
        for (String env : environments) {
            for (RunLog.Summary run : log.history(env)) entries.add(new Entry(env, run));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.run().started()).reversed());
        return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
    }
}
