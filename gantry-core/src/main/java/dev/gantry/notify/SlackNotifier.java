package dev.gantry.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A Slack incoming webhook: one short message for people. Slack takes a message with 200 and the body {@code ok};
 * anything else (such as 400 {@code invalid_payload} or 404 {@code no_service}) is a refusal that says why.
 *
 * <p>The webhook's URL is its only credential, so it is read from an environment variable and never written in a
 * reason or a log.
 */
@Doc("A Slack channel through an incoming webhook; its URL is a secret, read from the environment variable urlEnv")
public record SlackNotifier(
        @Required @Doc("The channel's name, which rollback triggers list under notification, such as team") String name,
        @Required @Doc("The environment variable that holds the incoming webhook's URL, such as SLACK_WEBHOOK_URL")
                String urlEnv,
        @Doc("How many times to try when there is no connection, no answer, 429 or 5xx; 3 by default") Integer attempts,
        @Doc("How long to wait for each answer; 5s by default") Duration timeout)
        implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SlackNotifier {
        name = Notifications.checkName(name);
        if (urlEnv == null) {
            throw new InvalidValue("urlEnv", "expected the name of an environment variable such as SLACK_WEBHOOK_URL");
        }
        urlEnv = HttpPost.variable("urlEnv", urlEnv, "SLACK_WEBHOOK_URL");
        attempts = HttpPost.attempts(attempts);
        timeout = DurationText.positive("timeout", timeout, HttpPost.DEFAULT_TIMEOUT);
    }

    @Override
    public Delivery send(Notification notification, NotifierContext context) {
        String url = context.variables().get(urlEnv);
        if (url == null || url.isBlank()) {
            return notSent("the environment variable " + urlEnv + " is not set");
        }
        String problem = HttpPost.urlProblem(url).orElse(null);
        if (problem != null) return notSent("the environment variable " + urlEnv + " holds " + problem);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("text", text(notification)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string is always JSON", e);
        }
        return HttpPost.send(
                new HttpPost.Request(
                        name,
                        URI.create(url.strip()),
                        Map.of("Content-Type", "application/json"),
                        body,
                        attempts,
                        timeout,
                        answer ->
                                answer.status() == 200 && answer.body().strip().equals("ok")),
                context.pause());
    }

    private Delivery notSent(String why) {
        return Delivery.failed(name, OptionalInt.empty(), 0, "not sent: " + why);
    }

    /**
     * The message, such as "Rolled back 1.4.0 (a1b2c3d) in production: error rate 4.2% over 2% for 5m", with
     * the report's place on a second line. Slack reads {@code &}, {@code <} and {@code >} as markup, so they are
     * escaped as its documentation asks.
     */
    static String text(Notification notification) {
        StringBuilder text = new StringBuilder()
                .append(notification.kind().words())
                .append(' ')
                .append(notification.version())
                .append(" (")
                .append(notification.shortCommit())
                .append(") in ")
                .append(notification.environment());
        if (!notification.reason().isEmpty()) text.append(": ").append(notification.reason());
        notification.report().ifPresent(report -> text.append("\nReport: ").append(report));
        return text.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
