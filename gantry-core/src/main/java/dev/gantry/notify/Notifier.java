package dev.gantry.notify;

import dev.gantry.binding.Variants;

/**
 * A channel that tells people what happened to a run. Each kind is one record, bound from an entry of the plan's
 * {@code notifications: [{ name: ..., type: ..., ... }]} and named in {@link Notifiers}.
 *
 * <p>Sending never throws for the faults of the outside world (no connection, no answer in time, a refusal, a
 * variable that is not set): it returns a {@link Delivery} that is not delivered and says why. It blocks at most for
 * its bounded attempts, each with its own timeout, and the waits between them. A notification may arrive more than
 * once (a retry after an answer that was lost); each request carries the same delivery id so receivers can tell.
 */
@Variants(registry = Notifiers.class)
public interface Notifier {

    /** The channel's name, which a rollback trigger's {@code notification} list gives to send to it. */
    String name();

    /** Sends {@code notification} to the channel, retrying within the channel's bounds. */
    Delivery send(Notification notification, NotifierContext context);
}
