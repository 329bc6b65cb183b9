package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gantry.binding.SchemaGenerator;
import dev.gantry.coordinate.PlugIns;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The schema editors get accepts the plans Gantry accepts and refuses the mistakes it refuses. */
class PlanSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA_TREE =
            JSON.valueToTree(SchemaGenerator.of(Plan.class, "gantry.yaml", PlugIns.registries()));
    private static final JsonSchema SCHEMA =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(SCHEMA_TREE);

    private static Set<ValidationMessage> validate(String yaml) {
        Object tree = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return SCHEMA.validate(JSON.valueToTree(tree));
    }

    @Test
    void approverCountsAreTypedByReleaseType() {
        assertThat(validate("approvals: { major: [qa], counts: { major: { qa: 2 } } }"))
                .isEmpty();
        assertThat(validate("approvals: { counts: { majr: { qa: 2 } } }")).isNotEmpty();
        assertThat(validate("approvals: { counts: { major: { qa: two } } }")).isNotEmpty();
    }

    @Test
    void aFullPlanIsValid() {
        assertThat(
                        validate(
                                """
                project: shop
                versioning:
                  tagPattern: "v{version}"
                  releaseRules:
                    - { type: build, release: patch }
                    - { type: chore, breaking: true, release: minor }
                  zeroMajor: shift
                  initialVersion: 0.1.0
                  channel: rc
                  hotfixBranches: hotfix/*
                components:
                  - { name: api, path: services/api, dependsOn: db }
                  - { name: db, path: db, tagPattern: "db@{version}" }
                changelog:
                  sections: { feat: Added, docs: Documentation }
                  commitUrl: none
                notes:
                  comingNext: [SSO]
                  support: "Write to us."
                """))
                .isEmpty();
    }

    @Test
    void misspeltKeysWrongEnumsAndMissingRequiredKeysAreRefused() {
        assertThat(validate("versioning:\n  tagPatern: x\n"))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("tagPatern"));
        assertThat(validate("versioning:\n  releaseRules:\n    - { type: build, release: huge }\n"))
                .isNotEmpty();
        assertThat(validate("components:\n  - { path: services/api }\n"))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("name"));
        assertThat(validate("versioning:\n  zeroMajor: sometimes\n")).isNotEmpty();
    }

    @Test
    void descriptionsComeFromTheModel() {
        JsonNode rules = SCHEMA_TREE.at("/properties/versioning/properties/releaseRules");
        assertThat(rules.get("description").asText()).contains("first match wins");
        assertThat(SCHEMA_TREE.at("/properties/versioning/properties/releaseRules/items/properties/release/enum"))
                .extracting(JsonNode::asText)
                .containsExactly("none", "patch", "minor", "major");
        assertThat(SCHEMA_TREE.at("/properties/components/items/required"))
                .extracting(JsonNode::asText)
                .containsExactly("name", "path");
    }

    @Test
    void notificationChannelsAreAListChosenByType() {
        assertThat(
                        validate(
                                """
                notifications:
                  - { name: incidents, type: webhook, url: "https://hooks.example.com/gantry", secretEnv: SECRET }
                  - { name: team, type: slack, urlEnv: SLACK_WEBHOOK_URL, attempts: 2, timeout: 3s }
                """))
                .isEmpty();
        assertThat(validate("notifications:\n  - { name: team, type: slak, urlEnv: SLACK_WEBHOOK_URL }\n"))
                .isNotEmpty();
        assertThat(validate("notifications:\n  - { name: team, type: slack, url: https://hooks.slack.com/x }\n"))
                .isNotEmpty();
        assertThat(validate("notifications: { name: team, type: slack, urlEnv: SLACK_WEBHOOK_URL }\n"))
                .isNotEmpty();
    }

    @Test
    void theStarterPlanIsValidAndChecksAreChosenByType() {
        String starter = StarterPlan.render(new StarterPlan.Facts(
                "shop",
                java.util.List.of("services/api"),
                java.util.Optional.empty(),
                "Mark Liu",
                true,
                java.time.ZoneId.of("Europe/Berlin")));
        assertThat(validate(starter)).isEmpty();
        assertThat(validate("criteria:\n  - { id: DEP-001, title: t, check: { type: junti, reports: x } }\n"))
                .isNotEmpty();
        assertThat(validate("criteria:\n  - { id: DEP-001, title: t, check: { reports: x } }\n"))
                .isNotEmpty();
        assertThat(validate("criteria:\n  - { id: DEP-001, title: t, check: { type: junit, report: x } }\n"))
                .isNotEmpty();
        assertThat(validate("criteria:\n  - { id: DEP-001, title: t, check: { type: junit, reports: x } }\n"))
                .isEmpty();
    }
}
