package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real receiver on loopback; the waits between attempts are recorded, never waited. */
class WebhookNotifierTest {

    private static final String SECRET = "s3cr3t-shared-with-the-receiver";
    private static final Map<String, String> VARIABLES = Map.of("GANTRY_WEBHOOK_SECRET", SECRET);

    private final Fixtures.Pauses pauses = new Fixtures.Pauses();
    private Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = new Receiver();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    private WebhookNotifier webhook(String url, Integer attempts, Duration timeout) {
        return new WebhookNotifier("incidents", url, "GANTRY_WEBHOOK_SECRET", attempts, timeout);
    }

    private Delivery send(WebhookNotifier webhook) {
        return webhook.send(Fixtures.rolledBack(), pauses.context(VARIABLES));
    }

    @Test
    void postsTheFieldsAsJsonSignedWithTheSecret() throws Exception {
        receiver.answer(204, "");

        Delivery delivery = send(webhook(receiver.url("/gantry"), null, null));

        assertThat(delivery).isEqualTo(Delivery.delivered("incidents", 204, 1));
        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/gantry");
        assertThat(request.header("Content-Type")).contains("application/json");
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.fieldNames())
                .toIterable()
                .containsExactly("kind", "runId", "environment", "version", "commit", "reason", "at", "report");
        assertThat(body.get("kind").asText()).isEqualTo("rolled-back");
        assertThat(body.get("runId").asText()).isEqualTo("run-42");
        assertThat(body.get("environment").asText()).isEqualTo("production");
        assertThat(body.get("version").asText()).isEqualTo("1.4.0");
        assertThat(body.get("commit").asText()).isEqualTo(Fixtures.COMMIT);
        assertThat(body.get("reason").asText()).isEqualTo("DEP-010: error_rate 4.2% > 2% for 5m");
        assertThat(body.get("at").asText()).isEqualTo("2026-03-19T14:05:00Z");
        assertThat(body.get("report").asText()).isEqualTo("https://ci.example.com/runs/42/report.html");
        assertThat(request.header("X-Gantry-Signature")).contains("sha256=" + hmac(SECRET, request.body()));
        assertThat(request.header("X-Gantry-Delivery"))
                .hasValueSatisfying(id -> assertThat(id).isNotBlank());
        assertThat(pauses.asked()).isEmpty();
    }

    @Test
    void withoutASecretNothingIsSigned() {
        receiver.answer(200, "");

        Delivery delivery = new WebhookNotifier("incidents", receiver.url("/"), null, null, null)
                .send(Fixtures.rolledBack(), pauses.context(Map.of()));

        assertThat(delivery.delivered()).isTrue();
        assertThat(receiver.requests().get(0).header("X-Gantry-Signature")).isEmpty();
    }

    @Test
    void aSecretThatIsNotSetSendsNothing() {
        Delivery delivery =
                webhook(receiver.url("/"), null, null).send(Fixtures.rolledBack(), pauses.context(Map.of()));

        assertThat(delivery)
                .isEqualTo(Delivery.failed(
                        "incidents",
                        OptionalInt.empty(),
                        0,
                        "not sent: the environment variable GANTRY_WEBHOOK_SECRET is not set"));
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void retriesOn503WithBackOffUntilItIsTaken() {
        receiver.answer(503, "").answer(503, "").answer(200, "");

        Delivery delivery = send(webhook(receiver.url("/"), null, null));

        assertThat(delivery).isEqualTo(Delivery.delivered("incidents", 200, 3));
        assertThat(receiver.requests()).hasSize(3);
        assertThat(pauses.asked()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(receiver.requests())
                .extracting(r -> r.header("X-Gantry-Delivery").orElseThrow())
                .containsOnly(
                        receiver.requests().get(0).header("X-Gantry-Delivery").orElseThrow());
    }

    @Test
    void gives503UpAfterItsAttempts() {
        receiver.answer(503, "");

        Delivery delivery = send(webhook(receiver.url("/"), 4, null));

        assertThat(delivery).isEqualTo(Delivery.failed("incidents", OptionalInt.of(503), 4, "503 after 4 attempts"));
        assertThat(receiver.requests()).hasSize(4);
        assertThat(pauses.asked()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void doesNotRetryA400() {
        receiver.answer(400, "{\"error\": \"unknown environment\"}\nmore detail")
                .answer(200, "");

        Delivery delivery = send(webhook(receiver.url("/"), null, null));

        assertThat(delivery)
                .isEqualTo(Delivery.failed(
                        "incidents", OptionalInt.of(400), 1, "400 ({\"error\": \"unknown environment\"})"));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(pauses.asked()).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedNorTakenForDelivery() {
        receiver.answer(302, Map.of("Location", "http://127.0.0.1:9/elsewhere"), "");

        Delivery delivery = send(webhook(receiver.url("/"), null, null));

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.reason()).contains("302");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void waitsAsLongAsA429AsksWithinTheLongestBackOff() {
        receiver.answer(429, Map.of("Retry-After", "7"), "")
                .answer(429, Map.of("Retry-After", "3600"), "")
                .answer(200, "");

        Delivery delivery = send(webhook(receiver.url("/"), null, null));

        assertThat(delivery).isEqualTo(Delivery.delivered("incidents", 200, 3));
        assertThat(pauses.asked()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(30));
    }

    @Test
    void aRefusedConnectionIsNotDeliveredAndSaysWhy() throws Exception {
        Delivery delivery = send(webhook("http://127.0.0.1:" + Receiver.closedPort() + "/", null, null));

        assertThat(delivery)
                .isEqualTo(Delivery.failed("incidents", OptionalInt.empty(), 3, "connection refused after 3 attempts"));
        assertThat(pauses.asked()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(delivery.describe()).isEqualTo("incidents: not delivered: connection refused after 3 attempts");
    }

    @Test
    void aReceiverThatNeverAnswersIsGivenUpAfterEachTimeout() {
        receiver.hang();

        Delivery delivery = send(webhook(receiver.url("/"), 2, Duration.ofMillis(200)));

        assertThat(delivery)
                .isEqualTo(Delivery.failed(
                        "incidents", OptionalInt.empty(), 2, "no answer within 200ms after 2 attempts"));
        assertThat(pauses.asked()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void anInterruptedPauseEndsTheAttempts() {
        receiver.answer(503, "");
        Pause interrupted = duration -> {
            throw new InterruptedException();
        };

        Delivery delivery = webhook(receiver.url("/"), null, null)
                .send(Fixtures.rolledBack(), new NotifierContext(VARIABLES, interrupted));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(delivery)
                .isEqualTo(Delivery.failed(
                        "incidents", OptionalInt.of(503), 1, "503, then interrupted before trying again"));
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void theDeliveryIdIsTheSameForTheSameNotificationAndDiffersByChannel() {
        Notification notification = Fixtures.rolledBack();
        WebhookNotifier incidents = webhook("https://hooks.example.com/a", null, null);
        WebhookNotifier other = new WebhookNotifier("audit", "https://hooks.example.com/a", null, null, null);

        assertThat(incidents.deliveryId(notification)).isEqualTo(incidents.deliveryId(Fixtures.rolledBack()));
        assertThat(incidents.deliveryId(notification)).isNotEqualTo(other.deliveryId(notification));
    }

    @Test
    void aMissingReportIsLeftOutAndTheReasonIsOneLine() throws Exception {
        Notification n = Fixtures.rolledBack();
        Notification without = new Notification(
                n.kind(), n.runId(), n.environment(), n.version(), n.commit(), "a\nb", n.at(), Optional.empty());

        JsonNode body = new ObjectMapper().readTree(WebhookNotifier.body(without));

        assertThat(body.has("report")).isFalse();
        assertThat(body.get("reason").asText()).isEqualTo("a b");
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
