package dev.gantry.coordinate;

import dev.gantry.notify.Notification;
import dev.gantry.notify.NotificationKind;
import dev.gantry.notify.Notifications;
import dev.gantry.notify.NotifierContext;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.Announcer;
import dev.gantry.rollout.Time;
import dev.gantry.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a run's outcome through the plan's notification channels. An entry of a trigger's {@code notification}
 * that names no channel (free text such as "#incidents" or "PagerDuty on-call") is not sent, and is said so.
 */
public final class PlanAnnouncer implements Announcer {

    private final Notifications notifications;

    public PlanAnnouncer(Plan plan, Map<String, String> variables, Time time) {
        this.notifications = new Notifications(plan.notifications(), new NotifierContext(variables, time::waitFor));
    }

    @Override
    public List<Announcer.Delivery> send(Announcement a, List<String> channels) {
        Notification notification = new Notification(
                kind(a.verdict()),
                a.runId(),
                a.environment(),
                Version.parse(a.version()),
                a.commit(),
                a.reason(),
                a.at(),
                Optional.empty());
        List<Announcer.Delivery> deliveries = new ArrayList<>();
        for (String entry : channels) {
            if (notifications.channel(entry).isEmpty()) {
                deliveries.add(new Announcer.Delivery(
                        entry, false, 0, "not sent: no channel of that name under notifications in the plan"));
                continue;
            }
            for (dev.gantry.notify.Delivery d : notifications.send(List.of(entry), notification)) {
                deliveries.add(new Announcer.Delivery(
                        d.channel(), d.delivered(), d.status().orElse(0), d.describe()));
            }
        }
        return deliveries;
    }

    private static NotificationKind kind(dev.gantry.rollout.Verdict verdict) {
        return switch (verdict) {
            case RELEASED, RELEASED_WITH_OVERRIDE -> NotificationKind.RELEASED;
            case ROLLED_BACK -> NotificationKind.ROLLED_BACK;
            case ROLLBACK_FAILED -> NotificationKind.ROLLBACK_FAILED;
            case ABORTED -> NotificationKind.ABORTED;
        };
    }
}
