package dev.gantry.rollout;

import dev.gantry.plan.RollbackTrigger;
import dev.gantry.rollout.RunEvent.Notified;
import dev.gantry.store.StoreException;
import java.util.List;

/** Sends a run's outcome to the channels its environment's triggers name, once per channel per run. */
final class Announcements {

    private final RunRecord record;

    Announcements(RunRecord record) {
        this.record = record;
    }

    void announce(Verdict verdict, String reason) throws StoreException {
        RunEngine.Request request = record.request();
        List<String> told =
                record.all(Notified.class).stream().map(Notified::channel).toList();
        List<String> channels = request.plan().rollback().stream()
                .filter(t -> t.environments().isEmpty() || t.environments().contains(request.environment()))
                .map(RollbackTrigger::notification)
                .flatMap(List::stream)
                .distinct()
                .filter(c -> !told.contains(c))
                .toList();
        if (channels.isEmpty()) return;
        Announcer.Announcement announcement = new Announcer.Announcement(
                request.runId(),
                request.environment(),
                request.version().toString(),
                request.commit(),
                verdict,
                reason,
                record.time().now());
        List<Announcer.Delivery> deliveries;
        try {
            deliveries = request.conduct().announcer().send(announcement, channels);
        } catch (RuntimeException e) {
            // A notifier's own bug must not stop a rollback from being recorded.
            deliveries = channels.stream()
                    .map(c -> new Announcer.Delivery(c, false, 0, "not sent: " + e))
                    .toList();
        }
        for (Announcer.Delivery d : deliveries) {
            record.append(new Notified(d.channel(), d.delivered(), d.status(), d.detail()));
        }
    }
}
