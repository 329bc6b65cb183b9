package dev.gantry.notify;

import dev.gantry.binding.InvalidValue;
import dev.gantry.plan.NotifierSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Sends a notification to the channels a list names. The list is what the plan writes under a rollback trigger's
 * {@code notification}: an entry that names a channel is sent to; any other entry ("#incidents", "PagerDuty
 * on-call") is free text for the people who read the plan, and Gantry does not send it anywhere.
 *
 * <p>Sending never throws and each channel returns within its bounded attempts, so sending to all of them takes
 * at most the sum of those bounds. A caller must not hold up a rollback on it: roll back first, then notify, and
 * record the deliveries.
 */
public final class Notifications {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Map<String, Notifier> channels = new LinkedHashMap<>();
    private final NotifierContext context;

    /**
     * @param channels the plan's channels, each a notifier of {@link Notifiers}
     * @throws IllegalArgumentException when two channels have the same name (the plan refuses that)
     */
    public Notifications(List<? extends NotifierSpec> channels, NotifierContext context) {
        for (NotifierSpec spec : channels) {
            Notifier channel = Notifiers.notifier(spec);
            if (this.channels.putIfAbsent(channel.name(), channel) != null) {
                throw new IllegalArgumentException("two channels are named \"" + channel.name() + "\"");
            }
        }
        this.context = context;
    }

    /**
     * One delivery for each channel {@code entries} names, in their order, each channel once; entries that name no
     * channel are not sent.
     */
    public List<Delivery> send(List<String> entries, Notification notification) {
        List<Delivery> deliveries = new ArrayList<>();
        for (String entry : new LinkedHashSet<>(entries)) {
            channel(entry).ifPresent(channel -> deliveries.add(send(channel, notification)));
        }
        return deliveries;
    }

    /** The channel named {@code entry}; empty for free text and for a name no channel has. */
    public Optional<Notifier> channel(String entry) {
        return Optional.ofNullable(channels.get(entry));
    }

    private Delivery send(Notifier channel, Notification notification) {
        try {
            return channel.send(notification, context);
        } catch (RuntimeException e) {
            // A notifier of a module we do not know may break its contract; a rollback's report must still be made.
            return Delivery.failed(
                    channel.name(),
                    OptionalInt.empty(),
                    0,
                    "the " + channel.getClass().getSimpleName() + " failed: "
                            + String.valueOf(e).lines().findFirst().orElse(""));
        }
    }

    /** The compact constructors' rule for a channel's name. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidValue(
                    "name",
                    "expected a channel name of lower-case letters, digits, \".\", \"_\" or \"-\" such as incidents, got "
                            + (name == null ? "nothing" : "\"" + name + "\""));
        }
        return name;
    }
}
