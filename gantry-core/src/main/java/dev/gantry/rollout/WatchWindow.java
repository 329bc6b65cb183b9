package dev.gantry.rollout;

import dev.gantry.analysis.Evaluation;
import dev.gantry.analysis.Reading;
import dev.gantry.analysis.TriggerWatch;
import dev.gantry.plan.NoData;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Severity;
import dev.gantry.rollout.RunEvent.BaselineMeasured;
import dev.gantry.rollout.RunEvent.Breached;
import dev.gantry.rollout.RunEvent.Noted;
import dev.gantry.rollout.RunEvent.Paused;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.RollbackDecided;
import dev.gantry.rollout.RunEvent.Sampled;
import dev.gantry.rollout.RunEvent.WatchGap;
import dev.gantry.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Phase 5: the rollback triggers sampled at the plan's cadence after each step, and while the run waits for a
 * person. Each trigger's watch is rebuilt from the stored samples, so a run taken up after a crash neither loses a
 * sample nor counts the time nobody watched: that time is a {@link WatchGap}, and the step's window is longer by it.
 */
final class WatchWindow {

    private final RunRecord record;
    private final Map<String, TriggerWatch> watches = new LinkedHashMap<>();
    private final Map<String, OptionalDouble> baselines = new LinkedHashMap<>();
    private final Map<String, Evaluation> replayed = new LinkedHashMap<>();
    private final TriggerReader reader;

    WatchWindow(RunRecord record) {
        this.record = record;
        RunEngine.Request request = record.request();
        this.reader = new TriggerReader(
                request.metrics(),
                request.environment(),
                request.version(),
                request.previousVersion(),
                request.checks().root(),
                request.checks().variables());
        for (RollbackTrigger trigger : triggers()) watches.put(trigger.id(), TriggerWatch.of(trigger));
        replay();
    }

    private RunEngine.Request request() {
        return record.request();
    }

    private Duration cadence() {
        return request().plan().rollout().canary().cadence();
    }

    /** Watches the window after {@code move}, or what is left of it after a crash. */
    Step watch(Move move) throws StoreException, InterruptedException {
        Duration cadence = cadence();
        Optional<Step> decided = firedBefore(move);
        if (decided.isPresent()) return decided.get();
        List<RunLog.Logged> samples = record.events().stream()
                .filter(e -> e.event() instanceof Sampled s && s.step() == move.step())
                .toList();
        if (samples.isEmpty() && !watchedBefore(move)) record.append(new PhaseEntered(Phase.WATCH));
        if (triggers().isEmpty()) {
            if (record.all(Noted.class).stream().noneMatch(n -> n.what().startsWith("no rollback trigger watches"))) {
                record.append(new Noted("no rollback trigger watches "
                        + request().environment() + "; waited " + move.watch().toMinutes() + "m"));
            }
            // A person's abort during the wait is in the record's state; the engine acts on it.
            record.waitUntil(windowStart(move).plus(move.watch()));
            return Step.ON;
        }
        // A window is so many rounds of samples, one per cadence: counted, not timed, so that a run taken up after
        // a crash takes exactly the rounds it still owes, each at its own time, and the time between is a gap.
        long needed = Math.max(1, move.watch().toNanos() / cadence.toNanos());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RollbackTrigger trigger : triggers()) counts.put(trigger.id(), 0L);
        for (RunLog.Logged logged : samples)
            counts.computeIfPresent(((Sampled) logged.event()).trigger(), (t, n) -> n + 1);
        long done = counts.values().stream().mapToLong(Long::longValue).min().orElse(0);
        if (done >= needed) return Step.ON;
        Instant last = samples.isEmpty()
                ? windowStart(move)
                : samples.get(samples.size() - 1).at();
        Instant next = last.plus(cadence);
        Instant now = record.time().now();
        if (next.plus(cadence).isBefore(now)) {
            // The coordinator was down for at least one whole round: that time was not watched and does not count.
            record.append(new WatchGap(move.step(), last, now));
            watches.values().forEach(TriggerWatch::unwatched);
            next = now;
        }
        for (; done < needed; done++, next = next.plus(cadence)) {
            if (record.waitUntil(next) == RunRecord.Interruption.ROLLBACK) return Step.ON;
            long round = done;
            // A round cut short by a crash is completed with the triggers it had not read yet.
            java.util.Set<String> due = new java.util.HashSet<>();
            counts.forEach((trigger, n) -> {
                if (n == round) due.add(trigger);
            });
            Step step = sample(move.step(), next, false, due);
            if (step != Step.ON) return step;
            for (String trigger : due) counts.merge(trigger, 1L, Long::sum);
        }
        return Step.ON;
    }

    /**
     * Watches a run that waits for a person, at the plan's cadence, until the person decides or a hard trigger
     * fires: a paused canary keeps its traffic, so its metrics are still watched.
     */
    void whilePaused(Paused paused) throws StoreException, InterruptedException {
        if (firedWhilePaused() != Step.ON) return;
        Duration cadence = cadence();
        List<RunLog.Logged> samples = record.events().stream()
                .filter(e -> e.event() instanceof Sampled)
                .toList();
        Instant now = record.time().now();
        Instant next =
                samples.isEmpty() ? now : samples.get(samples.size() - 1).at().plus(cadence);
        if (next.isBefore(now)) next = now;
        while (true) {
            if (record.waitUntil(next) != RunRecord.Interruption.NONE) return;
            if (!triggers().isEmpty() && sample(paused.step(), next, true, triggerIds()) != Step.ON) return;
            next = next.plus(cadence);
        }
    }

    /**
     * One sample of every trigger at {@code at}. A hard trigger that fires decides the rollback; a soft one pauses
     * the run, unless it waits already.
     */
    private Step sample(int step, Instant at, boolean paused, java.util.Set<String> due) throws StoreException {
        for (RollbackTrigger trigger : triggers()) {
            if (!due.contains(trigger.id())) continue;
            TriggerReader.Sample sample = reader.sample(
                    watches.get(trigger.id()), at, baselines.getOrDefault(trigger.id(), OptionalDouble.empty()));
            Reading reading = sample.reading();
            OptionalDouble stable = sample.stable();
            Evaluation evaluation = sample.evaluation();
            record.append(new Sampled(
                    step,
                    trigger.id(),
                    trigger.metric(),
                    reading.hasValue() ? reading.value().getAsDouble() : null,
                    reading.problem(),
                    evaluation.state(),
                    stable.isPresent() ? stable.getAsDouble() : null));
            if (!evaluation.fired()) continue;
            if (inconclusive(trigger, evaluation.state())) {
                if (paused) continue;
                record.append(new Paused(
                        "trigger " + trigger.id() + " is inconclusive: " + evaluation.reason()
                                + "; its onNoData asks a person to decide",
                        false,
                        step));
                return Step.WAIT;
            }
            Step fired = fire(trigger, evaluation.reason(), paused);
            if (fired != Step.ON) return fired;
        }
        return Step.ON;
    }

    /** What a fired trigger does: a hard one decides the rollback, a soft one pauses a run that does not wait. */
    private Step fire(RollbackTrigger trigger, String reason, boolean paused) throws StoreException {
        // A soft trigger that fires again while the run waits already says nothing new.
        if (paused && trigger.severity() == Severity.SOFT) return Step.ON;
        boolean breached = record.all(Breached.class).stream()
                .anyMatch(b -> b.trigger().equals(trigger.id()) && b.reason().equals(reason));
        if (!breached) record.append(new Breached(trigger.id(), trigger.severity(), reason));
        if (trigger.severity() == Severity.HARD) {
            String cause = trigger.id() + " fired: " + reason;
            record.append(new RollbackDecided(RollbackCause.TRIGGER_FIRED, cause, null, 0));
            return Step.back(RollbackCause.TRIGGER_FIRED, cause);
        }
        record.append(new Paused("soft trigger " + trigger.id() + " fired: " + reason, false, currentStep()));
        return Step.WAIT;
    }

    /** A hard trigger that fired at a sample taken while the run waited, before a crash kept it from acting. */
    private Step firedWhilePaused() throws StoreException {
        List<RunLog.Logged> all = record.events();
        int since = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).event() instanceof Paused) since = i + 1;
        }
        for (RunLog.Logged logged : all.subList(since, all.size())) {
            if (!(logged.event() instanceof Sampled s) || !s.state().fired()) continue;
            Optional<RollbackTrigger> trigger = triggers().stream()
                    .filter(t -> t.id().equals(s.trigger()) && t.severity() == Severity.HARD)
                    .filter(t -> !inconclusive(t, s.state()))
                    .findFirst();
            if (trigger.isPresent()) {
                return fire(
                        trigger.get(),
                        replayed.containsKey(s.trigger())
                                ? replayed.get(s.trigger()).reason()
                                : s.state().name(),
                        true);
            }
        }
        return Step.ON;
    }

    /** A trigger that ran out of data and whose plan says that means waiting for a person, not a breach. */
    private static boolean inconclusive(RollbackTrigger trigger, Evaluation.State state) {
        return state == Evaluation.State.NO_DATA_FIRED && trigger.onNoData() == NoData.PAUSE;
    }

    private int currentStep() {
        List<Sampled> samples = record.all(Sampled.class);
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).step();
    }

    /**
     * A trigger that fired at a stored sample of this step, and the run died before acting on it: it acts now
     * instead of watching on. A breach a person let pass is behind the run: only samples after the decision count.
     */
    private Optional<Step> firedBefore(Move move) throws StoreException {
        List<RunLog.Logged> all = List.copyOf(record.events());
        int since = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).event() instanceof RunEvent.Decided d && d.proceed()) since = i + 1;
        }
        for (int i = since; i < all.size(); i++) {
            if (!(all.get(i).event() instanceof Sampled s)
                    || s.step() != move.step()
                    || !s.state().fired()) continue;
            Optional<RollbackTrigger> trigger =
                    triggers().stream().filter(t -> t.id().equals(s.trigger())).findFirst();
            if (trigger.isEmpty()) continue;
            String reason = all.subList(i, all.size()).stream()
                    .map(RunLog.Logged::event)
                    .filter(e -> e instanceof Breached b && b.trigger().equals(s.trigger()))
                    .map(e -> ((Breached) e).reason())
                    .findFirst()
                    .orElseGet(() -> replayed.containsKey(s.trigger())
                            ? replayed.get(s.trigger()).reason()
                            : s.state().name());
            boolean pausedSince = all.subList(i, all.size()).stream().anyMatch(e -> e.event() instanceof Paused);
            boolean pausing = trigger.get().severity() == Severity.SOFT || inconclusive(trigger.get(), s.state());
            if (pausing && pausedSince) continue;
            if (inconclusive(trigger.get(), s.state())) {
                record.append(new Paused(
                        "trigger " + trigger.get().id() + " is inconclusive: " + reason
                                + "; its onNoData asks a person to decide",
                        false,
                        move.step()));
                return Optional.of(Step.WAIT);
            }
            return Optional.of(fire(trigger.get(), reason, false));
        }
        return Optional.empty();
    }

    /** Whether the watch phase of this move was entered before a crash (with no sample yet). */
    private boolean watchedBefore(Move move) {
        List<RunLog.Logged> all = record.events();
        for (int i = all.size() - 1; i >= 0; i--) {
            RunEvent event = all.get(i).event();
            if (event instanceof PhaseEntered p) return p.phase() == Phase.WATCH;
            if (event instanceof RunEvent.ActionFinished) return false;
        }
        return false;
    }

    /** Where the window of a move with no sample yet starts: at its watch phase, if a crash came after it. */
    private Instant windowStart(Move move) {
        List<RunLog.Logged> all = record.events();
        for (int i = all.size() - 1; i >= 0; i--) {
            RunEvent event = all.get(i).event();
            if (event instanceof PhaseEntered p && p.phase() == Phase.WATCH)
                return all.get(i).at();
            if (event instanceof RunEvent.ActionFinished) break;
        }
        return record.time().now();
    }

    /** Relative thresholds compare against the stable version before the deploy. */
    void measureBaselines() throws StoreException {
        for (RollbackTrigger trigger : triggers()) {
            if (!reader.needsBaseline(trigger) || baselines.containsKey(trigger.id())) continue;
            Duration before = request().plan().rollout().baseline();
            OptionalDouble baseline = reader.baseline(trigger, record.time().now(), before, cadence());
            baselines.put(trigger.id(), baseline);
            record.append(new BaselineMeasured(
                    trigger.id(),
                    baseline.isPresent() ? baseline.getAsDouble() : null,
                    baseline.isPresent() ? "" : "no value in the " + before.toMinutes() + "m before the deploy"));
        }
    }

    /** Rebuilds each trigger's watch from the stored samples. */
    private void replay() {
        for (RunLog.Logged logged : record.events()) {
            if (logged.event() instanceof BaselineMeasured b) {
                baselines.put(b.trigger(), b.value() == null ? OptionalDouble.empty() : OptionalDouble.of(b.value()));
            }
        }
        for (RunLog.Logged logged : record.events()) {
            if (logged.event() instanceof RunEvent.Decided d && d.proceed()) {
                // Continuing past a breach starts each trigger's watch afresh: a breach must last its whole
                // "for" again before it stops the run again.
                for (RollbackTrigger trigger : triggers()) watches.put(trigger.id(), TriggerWatch.of(trigger));
                replayed.clear();
                continue;
            }
            if (logged.event() instanceof WatchGap) {
                watches.values().forEach(TriggerWatch::unwatched);
                continue;
            }
            if (!(logged.event() instanceof Sampled s) || !watches.containsKey(s.trigger())) continue;
            Reading reading =
                    s.value() == null ? Reading.missing(logged.at(), s.problem()) : Reading.of(logged.at(), s.value());
            replayed.put(
                    s.trigger(),
                    watches.get(s.trigger())
                            .observe(
                                    reading,
                                    s.baseline() != null
                                            ? OptionalDouble.of(s.baseline())
                                            : baselines.getOrDefault(s.trigger(), OptionalDouble.empty())));
        }
    }

    private java.util.Set<String> triggerIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (RollbackTrigger trigger : triggers()) ids.add(trigger.id());
        return ids;
    }

    List<RollbackTrigger> triggers() {
        return TriggerReader.triggers(request().plan(), request().environment());
    }
}
