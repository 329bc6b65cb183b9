package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.binding.SchemaGenerator;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.Plan;
import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notification channels as gantry.yaml writes them, and the names triggers give them. */
class NotificationPlanTest {

    @TempDir
    Path dir;

    @Test
    void channelsAreChosenByType() throws Exception {
        Plan plan = PlanText.load(
                dir,
                """
                notifications:
                  - name: incidents
                    type: webhook
                    url: https://hooks.example.com/gantry
                    secretEnv: GANTRY_WEBHOOK_SECRET
                    attempts: 5
                    timeout: 2s
                  - { name: team, type: slack, urlEnv: SLACK_WEBHOOK_URL }
                rollback:
                  - id: DEP-010
                    metric: error_rate
                    threshold: "> 2%"
                    notification: [incidents, team, "#releases", PagerDuty on-call, "@mark"]
                """);

        assertThat(plan.notifications())
                .containsExactly(
                        new WebhookNotifier(
                                "incidents",
                                "https://hooks.example.com/gantry",
                                "GANTRY_WEBHOOK_SECRET",
                                5,
                                Duration.ofSeconds(2)),
                        new SlackNotifier("team", "SLACK_WEBHOOK_URL", 3, Duration.ofSeconds(5)));
    }

    @Test
    void attemptsAndTimeoutHaveDefaults() throws Exception {
        Plan plan = PlanText.load(
                dir, "notifications:\n  - { name: incidents, type: webhook, url: \"http://alerts:8080/in\" }\n");

        assertThat(plan.notifications())
                .containsExactly(
                        new WebhookNotifier("incidents", "http://alerts:8080/in", null, 3, Duration.ofSeconds(5)));
    }

    @Test
    void aPlanWithoutChannelsHasNone() throws Exception {
        assertThat(Plan.DEFAULTS.notifications()).isEmpty();
        assertThat(PlanText.load(dir, "project: shop\n").notifications()).isEmpty();
    }

    @Test
    void mistakesAreErrorsAtTheirPlace() throws Exception {
        assertThat(
                        PlanText.errors(
                                dir,
                                """
                        notifications:
                          - name: incidents
                            type: webhok
                          - name: audit
                            type: webhook
                          - { name: pager, type: slack, urlEnv: "slack url" }
                          - { name: Ops Room, type: slack, urlEnv: SLACK_URL }
                          - { name: ops, type: webhook, url: "hooks.example.com/x" }
                          - { name: ops2, type: webhook, url: "https://x.example.com", attempts: 0 }
                          - { name: ops3, type: webhook, url: "https://x.example.com", timeout: 0s }
                          - { name: ops4, type: slack, urlEnv: SLACK_URL, secretEnv: X }
                          - { name: ops5 }
                        """))
                .containsExactly(
                        "gantry.yaml:3:11: notifications[0].type: unknown type \"webhok\"; did you mean \"webhook\"?",
                        "gantry.yaml:4:5: notifications[1]: missing required key \"url\"",
                        "gantry.yaml:6:41: notifications[2].urlEnv: expected the name of an environment variable"
                                + " such as SLACK_WEBHOOK_URL, got \"slack url\"",
                        "gantry.yaml:7:13: notifications[3].name: expected a channel name of lower-case letters,"
                                + " digits, \".\", \"_\" or \"-\" such as incidents, got \"Ops Room\"",
                        "gantry.yaml:8:38: notifications[4].url: expected an http or https URL such as"
                                + " https://hooks.example.com/gantry, got \"hooks.example.com/x\"",
                        "gantry.yaml:9:74: notifications[5].attempts: expected 1 to 10 attempts, got 0",
                        "gantry.yaml:10:73: notifications[6].timeout: expected a duration longer than zero such as"
                                + " 30s, got \"0s\"",
                        "gantry.yaml:11:51: notifications[7].secretEnv: unknown key \"secretEnv\"; expected one of:"
                                + " name, urlEnv, attempts, timeout",
                        "gantry.yaml:12:5: notifications[8]: missing required key \"type\"; one of: webhook, slack");
    }

    @Test
    void aTriggerNamingNoChannelIsAnErrorAtTheName() throws Exception {
        assertThat(
                        PlanText.errors(
                                dir,
                                """
                        notifications:
                          - { name: incidents, type: webhook, url: "https://hooks.example.com/gantry" }
                          - { name: team, type: slack, urlEnv: SLACK_WEBHOOK_URL }
                          - { name: team, type: slack, urlEnv: OTHER_SLACK_URL }
                        rollback:
                          - id: DEP-010
                            metric: error_rate
                            notification: ["#releases", incidnts, PagerDuty on-call]
                          - id: DEP-011
                            metric: p95_latency
                            notification:
                              - team
                              - PagerDuty
                        """))
                .containsExactly(
                        "gantry.yaml:4:13: notifications[2].name: duplicate channel \"team\"",
                        "gantry.yaml:8:33: rollback[0].notification[1]: unknown channel \"incidnts\"; channels are"
                                + " incidents, team (an entry with a space, # or @ is free text Gantry does not send)",
                        "gantry.yaml:13:9: rollback[1].notification[1]: unknown channel \"PagerDuty\"; channels are"
                                + " incidents, team (an entry with a space, # or @ is free text Gantry does not send)");
    }

    @Test
    void withoutChannelsEveryEntryIsFreeText() throws Exception {
        Plan plan = PlanText.load(
                dir,
                """
                rollback:
                  - { id: DEP-010, metric: error_rate, notification: ["#incidents", PagerDuty, incidents] }
                """);

        assertThat(plan.rollback().get(0).notification()).containsExactly("#incidents", "PagerDuty", "incidents");
    }

    @Test
    void theSchemaOffersEachType() {
        JsonNode schema =
                new ObjectMapper().valueToTree(SchemaGenerator.of(Plan.class, "gantry.yaml", PlugIns.registries()));
        JsonNode channels = schema.at("/properties/notifications/items/oneOf");

        assertThat(channels).hasSize(2);
        assertThat(channels.get(0).at("/properties/type/const").asText()).isEqualTo("webhook");
        assertThat(channels.get(0).at("/required")).extracting(JsonNode::asText).containsExactly("type", "name", "url");
        assertThat(channels.get(0).at("/properties").fieldNames())
                .toIterable()
                .containsExactly("type", "name", "url", "secretEnv", "attempts", "timeout");
        assertThat(channels.get(1).at("/properties/type/const").asText()).isEqualTo("slack");
        assertThat(channels.get(1).at("/required"))
                .extracting(JsonNode::asText)
                .containsExactly("type", "name", "urlEnv");
    }
}
