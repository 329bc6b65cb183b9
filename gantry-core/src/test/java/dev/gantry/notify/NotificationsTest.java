package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.plan.NotifierSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The channels a trigger names get the notification; free text is not sent; a failure is a delivery, not a throw. */
class NotificationsTest {

    private final Fixtures.Pauses pauses = new Fixtures.Pauses();
    private Receiver incidents;
    private Receiver slack;

    @BeforeEach
    void start() throws IOException {
        incidents = new Receiver();
        slack = new Receiver();
    }

    @AfterEach
    void close() {
        incidents.close();
        slack.close();
    }

    private Notifications notifications(List<Notifier> channels) {
        return new Notifications(channels, pauses.context(Map.of("SLACK_WEBHOOK_URL", slack.url("/hook"))));
    }

    @Test
    void sendsToEachNamedChannelOnceAndNotToFreeText() {
        incidents.answer(200, "");
        slack.answer(200, "ok");
        Notifications notifications = notifications(List.of(
                new WebhookNotifier("incidents", incidents.url("/"), null, null, null),
                new SlackNotifier("team", "SLACK_WEBHOOK_URL", null, null)));

        List<Delivery> deliveries = notifications.send(
                List.of("team", "#incidents", "PagerDuty on-call", "incidents", "team", "@mark"),
                Fixtures.rolledBack());

        assertThat(deliveries)
                .containsExactly(Delivery.delivered("team", 200, 1), Delivery.delivered("incidents", 200, 1));
        assertThat(incidents.requests()).hasSize(1);
        assertThat(slack.requests()).hasSize(1);
    }

    @Test
    void aChannelThatFailsDoesNotStopTheOthers() throws IOException {
        slack.answer(200, "ok");
        Notifications notifications = notifications(List.of(
                new WebhookNotifier("incidents", "http://127.0.0.1:" + Receiver.closedPort() + "/", null, 2, null),
                new SlackNotifier("team", "SLACK_WEBHOOK_URL", null, null)));

        List<Delivery> deliveries = notifications.send(List.of("incidents", "team"), Fixtures.rolledBack());

        assertThat(deliveries)
                .extracting(Delivery::describe)
                .containsExactly(
                        "incidents: not delivered: connection refused after 2 attempts", "team: delivered (200)");
    }

    @Test
    void aNotifierThatBreaksItsContractIsAFailedDelivery() {
        record Broken(String name) implements Notifier {
            @Override
            public Delivery send(Notification notification, NotifierContext context) {
                throw new IllegalStateException("bug\nwith a second line");
            }
        }
        Notifications notifications = notifications(List.of(new Broken("audit")));

        assertThat(notifications.send(List.of("audit"), Fixtures.rolledBack()))
                .extracting(Delivery::describe)
                .containsExactly("audit: not delivered: the Broken failed: java.lang.IllegalStateException: bug");
    }

    @Test
    void twoChannelsWithOneNameAreRefused() {
        assertThatThrownBy(() -> notifications(List.of(
                        new SlackNotifier("team", "A", null, null), new SlackNotifier("team", "B", null, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two channels are named \"team\"");
    }

    @Test
    void oneWordWithoutHashOrAtIsAChannelName() {
        assertThat(List.of("incidents", "team-payments", "PagerDuty")).allMatch(NotifierSpec::looksLikeChannel);
        assertThat(List.of("#incidents", "@mark", "PagerDuty on-call", "mark@example.com", ""))
                .noneMatch(NotifierSpec::looksLikeChannel);
    }
}
