package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.version.Version;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Slack incoming webhook played by a real receiver on loopback, answering as Slack does. */
class SlackNotifierTest {

    private final Fixtures.Pauses pauses = new Fixtures.Pauses();
    private final SlackNotifier slack = new SlackNotifier("team", "SLACK_WEBHOOK_URL", null, null);
    private Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = new Receiver();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    private Delivery send(String url) {
        return slack.send(Fixtures.rolledBack(), pauses.context(Map.of("SLACK_WEBHOOK_URL", url)));
    }

    @Test
    void okIsDeliveredWithAShortMessage() throws Exception {
        receiver.answer(200, "ok");

        Delivery delivery = send(receiver.url("/services/T000/B000/XXXX"));

        assertThat(delivery).isEqualTo(Delivery.delivered("team", 200, 1));
        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(request.header("Content-Type")).contains("application/json");
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("text");
        assertThat(body.get("text").asText())
                .isEqualTo("Rolled back 1.4.0 (a1b2c3d) in production: DEP-010: error_rate 4.2% &gt; 2% for 5m\n"
                        + "Report: https://ci.example.com/runs/42/report.html");
    }

    @Test
    void invalidPayloadIsNotDeliveredAndNotRetried() {
        receiver.answer(400, "invalid_payload");

        Delivery delivery = send(receiver.url("/services/T000/B000/XXXX"));

        assertThat(delivery).isEqualTo(Delivery.failed("team", OptionalInt.of(400), 1, "400 (invalid_payload)"));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(pauses.asked()).isEmpty();
    }

    @Test
    void a200WithoutOkIsNotDelivered() {
        receiver.answer(200, "no_text");

        Delivery delivery = send(receiver.url("/hook"));

        assertThat(delivery).isEqualTo(Delivery.failed("team", OptionalInt.of(200), 1, "200 (no_text)"));
    }

    @Test
    void retriesWhenSlackIsDown() {
        receiver.answer(500, "").answer(200, "ok");

        Delivery delivery = send(receiver.url("/hook"));

        assertThat(delivery).isEqualTo(Delivery.delivered("team", 200, 2));
        assertThat(pauses.asked()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aUrlVariableThatIsNotSetSendsNothing() {
        Delivery delivery = slack.send(Fixtures.rolledBack(), pauses.context(Map.of()));

        assertThat(delivery)
                .isEqualTo(Delivery.failed(
                        "team",
                        OptionalInt.empty(),
                        0,
                        "not sent: the environment variable SLACK_WEBHOOK_URL is not set"));
    }

    @Test
    void aUrlThatIsNotOneIsNotQuoted() {
        Delivery delivery = send("hooks.slack.com/services/T000/B000/SECRET");

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.reason())
                .contains("not sent: the environment variable SLACK_WEBHOOK_URL holds not an http or https URL");
        assertThat(delivery.reason().orElseThrow()).doesNotContain("SECRET");
    }

    @Test
    void theMessageSaysWhatHappenedWithoutAReportWhenThereIsNone() {
        Notification paused = new Notification(
                NotificationKind.PAUSED,
                "run-7",
                "staging",
                Version.parse("2.0.0-rc.1"),
                "0123456",
                "DEP-011: p95 latency <soft> breach & waiting",
                Fixtures.AT,
                Optional.empty());

        assertThat(SlackNotifier.text(paused))
                .isEqualTo("Paused 2.0.0-rc.1 (0123456) in staging: DEP-011: p95 latency &lt;soft&gt; breach &amp;"
                        + " waiting");
    }
}
