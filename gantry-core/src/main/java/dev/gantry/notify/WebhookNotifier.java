package dev.gantry.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JSON POST of the notification's fields to a URL of the team's own. With a secret, the body is signed so the
 * receiver can tell the sender: {@code X-Gantry-Signature: sha256=<hex HMAC-SHA256 of the body's bytes>}. Every
 * request carries {@code X-Gantry-Delivery}, the same for each attempt, so a receiver can drop a repeat.
 */
@Doc("An HTTP endpoint of your own gets a JSON POST: kind, runId, environment, version, commit, reason, at and"
        + " report; with secretEnv it is signed in X-Gantry-Signature (sha256=<hex HMAC-SHA256 of the body>), and"
        + " X-Gantry-Delivery is the same for every attempt")
public record WebhookNotifier(
        @Required @Doc("The channel's name, which rollback triggers list under notification, such as incidents")
                String name,
        @Required @Doc("Where to POST, such as https://hooks.example.com/gantry") String url,
        @Doc("The environment variable that holds the signing secret, such as GANTRY_WEBHOOK_SECRET; the secret"
                        + " itself is never written in the plan")
                String secretEnv,
        @Doc("How many times to try when there is no connection, no answer, 429 or 5xx; 3 by default") Integer attempts,
        @Doc("How long to wait for each answer; 5s by default") Duration timeout)
        implements Notifier {

    static final String SIGNATURE = "X-Gantry-Signature";
    static final String DELIVERY = "X-Gantry-Delivery";

    private static final ObjectMapper JSON = new ObjectMapper();

    public WebhookNotifier {
        name = Notifications.checkName(name);
        if (url == null || HttpPost.urlProblem(url).isPresent()) {
            throw new InvalidValue(
                    "url",
                    "expected an http or https URL such as https://hooks.example.com/gantry, got "
                            + (url == null ? "nothing" : "\"" + url + "\""));
        }
        url = url.strip();
        secretEnv = HttpPost.variable("secretEnv", secretEnv, "GANTRY_WEBHOOK_SECRET");
        attempts = HttpPost.attempts(attempts);
        timeout = DurationText.positive("timeout", timeout, HttpPost.DEFAULT_TIMEOUT);
    }

    @Override
    public Delivery send(Notification notification, NotifierContext context) {
        byte[] body = body(notification);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(DELIVERY, deliveryId(notification));
        if (secretEnv != null) {
            String secret = context.variables().get(secretEnv);
            if (secret == null || secret.isEmpty()) {
                // Unsigned, the receiver would refuse it or, worse, trust it without a check: send nothing.
                return Delivery.failed(
                        name,
                        OptionalInt.empty(),
                        0,
                        "not sent: the environment variable " + secretEnv + " is not set");
            }
            headers.put(SIGNATURE, "sha256=" + HexFormat.of().formatHex(hmac(secret, body)));
        }
        return HttpPost.send(
                new HttpPost.Request(
                        name,
                        URI.create(url),
                        headers,
                        body,
                        attempts,
                        timeout,
                        answer -> answer.status() >= 200 && answer.status() < 300),
                context.pause());
    }

    /** The body receivers parse; its field names are its contract. */
    static byte[] body(Notification notification) {
        ObjectNode body = JSON.createObjectNode()
                .put("kind", notification.kind().key())
                .put("runId", notification.runId())
                .put("environment", notification.environment())
                .put("version", notification.version().toString())
                .put("commit", notification.commit())
                .put("reason", notification.reason())
                .put("at", notification.at().toString());
        notification.report().ifPresent(report -> body.put("report", report));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings is always JSON", e);
        }
    }

    /**
     * The same for every attempt and for a notification sent again after a crash, different for each channel,
     * run, kind and time: a receiver that has seen it can drop the repeat.
     */
    String deliveryId(Notification notification) {
        String identity = String.join(
                "\n",
                name,
                notification.runId(),
                notification.kind().key(),
                notification.at().toString());
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
