package dev.gantry.coordinate;

import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The status of environments, read from the store: the use-case behind {@code gantry status} and the server's. */
public final class StatusQuery {

    private final Store store;
    private final RunLog log;

    public StatusQuery(Store store) {
        this.store = store;
        this.log = new RunLog(store);
    }

    /** Each environment's status at {@code now}, in the order given. */
    public List<EnvironmentStatus> of(Plan plan, List<String> environments, Instant now) throws StoreException {
        List<EnvironmentStatus> statuses = new ArrayList<>();
        for (String env : environments) statuses.add(of(plan, env, now));
        return statuses;
    }

    private EnvironmentStatus of(Plan plan, String env, Instant now) throws StoreException {
        List<RunLog.Summary> runs = log.history(env);
        if (runs.isEmpty()) return new EnvironmentStatus(env, Optional.empty());
        RunLog.Summary last = runs.get(runs.size() - 1);
        List<RunLog.Logged> events = log.runs(last.version(), env).get(last.runId());
        RunView view = RunView.of(events, plan, RunView.typeOf(events), now);
        Optional<String> untrusted = Optional.empty();
        try {
            log.verify(last.version(), env, last.runId());
        } catch (RunLog.BrokenChain | RunLog.LostEvents e) {
            untrusted = Optional.of(e.getMessage());
        }
        Optional<EnvironmentStatus.Hold> hold = store.lease(env)
                .filter(lease -> view.end().isEmpty())
                .map(lease -> new EnvironmentStatus.Hold(lease.runId(), lease.expires(), lease.expiredAt(now)));
        return new EnvironmentStatus(env, Optional.of(new EnvironmentStatus.LastRun(last, view, untrusted, hold)));
    }
}
