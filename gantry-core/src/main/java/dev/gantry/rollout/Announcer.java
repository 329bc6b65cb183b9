package dev.gantry.rollout;

import java.time.Instant;
import java.util.List;

/**
 * Tells people how a run ended, over the channels the plan's rollback triggers name. Implementations never throw
 * for the faults of the outside world and never wait past their own bounded retries: a notification must not hold
 * up a rollback. Each delivery says honestly whether it arrived.
 */
public interface Announcer {

    /** Sends nothing, and says so for every channel. */
    Announcer NONE = (announcement, channels) -> channels.stream()
            .map(c -> new Delivery(c, false, 0, "not sent: no notification channel is set up"))
            .toList();

    List<Delivery> send(Announcement announcement, List<String> channels);

    /** What happened, for the message. */
    record Announcement(
            String runId,
            String environment,
            String version,
            String commit,
            Verdict verdict,
            String reason,
            Instant at) {}

    /**
     * One channel's delivery.
     *
     * @param status the HTTP status of the answer; 0 when there was none
     * @param detail what the channel answered, or why nothing was sent
     */
    record Delivery(String channel, boolean delivered, int status, String detail) {}
}
