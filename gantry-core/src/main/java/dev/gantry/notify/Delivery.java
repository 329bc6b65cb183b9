package dev.gantry.notify;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How sending one notification to one channel ended.
 *
 * @param channel the channel's name in the plan
 * @param delivered true only when the receiver took it: a 2xx answer (for Slack, 200 with the body {@code ok})
 * @param status the HTTP status of the last answer; empty when there was none (no connection, no answer in time)
 * @param attempts how many requests were made; 0 when none could be (a variable that is not set)
 * @param reason why it was not delivered, in one line, such as "503 after 3 attempts"; empty when delivered
 */
public record Delivery(String channel, boolean delivered, OptionalInt status, int attempts, Optional<String> reason) {

    public Delivery {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (attempts < 0) throw new IllegalArgumentException("attempts must be 0 or more, got " + attempts);
        if (delivered && (attempts == 0 || status.isEmpty() || reason.isPresent())) {
            throw new IllegalArgumentException("a delivery was made by an answer, and has no reason against it");
        }
        if (!delivered && reason.map(String::isBlank).orElse(true)) {
            throw new IllegalArgumentException("an undelivered notification says why");
        }
    }

    public static Delivery delivered(String channel, int status, int attempts) {
        return new Delivery(channel, true, OptionalInt.of(status), attempts, Optional.empty());
    }

    public static Delivery failed(String channel, OptionalInt status, int attempts, String reason) {
        return new Delivery(channel, false, status, attempts, Optional.of(reason));
    }

    /** One line for a run's log, such as "incidents: not delivered: 503 after 3 attempts". */
    public String describe() {
        return delivered
                ? channel + ": delivered (" + status.getAsInt() + ")"
                : channel + ": not delivered: " + reason.orElseThrow();
    }
}
