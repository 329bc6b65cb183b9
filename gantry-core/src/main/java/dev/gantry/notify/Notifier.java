package dev.gantry.notify;

import dev.gantry.plan.NotifierSpec;

/**
 * A channel that tells people what happened to a run. Each kind is one record, bound from an entry of the plan's
 * {@code notifications: [{ name: ..., type: ..., ... }]} as a {@link NotifierSpec} and named in {@link Notifiers},
 * which gives the notifier of a spec.
 *
 * <p>Sending never throws for the faults of the outside world (no connection, no answer in time, a refusal, a
 * variable that is not set): it returns a {@link Delivery} that is not delivered and says why. It blocks at most for
 * its bounded attempts, each with its own timeout, and the waits between them. A notification may arrive more than
 * once (a retry after an answer that was lost); each request carries the same delivery id so receivers can tell.
 */
public interface Notifier extends NotifierSpec {

    /** Sends {@code notification} to the channel, retrying within the channel's bounds. */
    Delivery send(Notification notification, NotifierContext context);
}
