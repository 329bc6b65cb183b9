package dev.gantry.notify;

import java.util.Map;
import java.util.Objects;

/**
 * What a notifier may use besides the notification: the process environment, where secrets such as signing keys
 * and Slack URLs are read (given so tests can set it), and the way to wait between attempts.
 */
public record NotifierContext(Map<String, String> variables, Pause pause) {

    public NotifierContext {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(pause, "pause");
    }
}
