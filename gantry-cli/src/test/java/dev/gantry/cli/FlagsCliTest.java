package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry flags evaluate run as a process against a state file in the shape of Unleash's client API answer. */
class FlagsCliTest {

    private static final String STATE =
            """
            {
              "version": 2,
              "features": [
                {"name": "checkout", "enabled": true,
                 "strategies": [
                   {"name": "flexibleRollout",
                    "parameters": {"rollout": "100", "stickiness": "userId", "groupId": "checkout"},
                    "constraints": [{"contextName": "country", "operator": "IN", "values": ["de", "fr"]}]}],
                 "variants": [
                   {"name": "blue", "weight": 1000, "weightType": "variable", "stickiness": "default",
                    "payload": {"type": "json", "value": "{\\"color\\":\\"#00f\\"}"}}]},
                {"name": "prod-only", "enabled": true,
                 "strategies": [{"name": "default", "parameters": {},
                   "constraints": [{"contextName": "environment", "operator": "IN", "values": ["production"]}]}]}
              ],
              "segments": [],
              "query": {"environment": "production"}
            }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeState() throws Exception {
        Files.writeString(dir.resolve("features.json"), STATE);
    }

    @Test
    void textSaysOnTheVariantWithItsPayloadAndWhy() {
        GantryProcess.Result result = GantryProcess.run(
                dir,
                "flags",
                "evaluate",
                "checkout",
                "--state",
                "features.json",
                "--context",
                "{\"userId\":\"42\",\"properties\":{\"country\":\"de\"}}");
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo("checkout: on\n"
                        + "variant: blue (payload json: {\"color\":\"#00f\"})\n"
                        + "why: strategies[0] (flexibleRollout) matched, its constraint held\n");
    }

    @Test
    void textSaysWhichConstraintTurnedTheFlagOff() {
        GantryProcess.Result result = GantryProcess.run(
                dir,
                "flags",
                "evaluate",
                "checkout",
                "--state",
                "features.json",
                "--context",
                "{\"userId\":\"42\",\"properties\":{\"country\":\"us\"}}");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo("checkout: off\n"
                        + "variant: disabled\n"
                        + "why: no strategy matched: strategies[0] (flexibleRollout) constraints[0] country IN"
                        + " [\"de\", \"fr\"] did not hold\n");
    }

    @Test
    void jsonIsOneObjectWithFlagEnabledVariantAndReason() throws Exception {
        GantryProcess.Result on = GantryProcess.run(
                dir,
                "flags",
                "evaluate",
                "checkout",
                "--state",
                "features.json",
                "--json",
                "--context",
                "{\"userId\":\"42\",\"properties\":{\"country\":\"fr\"}}");
        assertThat(on.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(on.out());
        assertThat(fieldNames(json)).containsExactly("flag", "enabled", "variant", "reason");
        assertThat(json.get("flag").asText()).isEqualTo("checkout");
        assertThat(json.get("enabled").asBoolean()).isTrue();
        assertThat(json.get("variant").get("name").asText()).isEqualTo("blue");
        assertThat(json.get("variant").get("enabled").asBoolean()).isTrue();
        assertThat(json.get("variant").get("payload").get("type").asText()).isEqualTo("json");
        assertThat(json.get("variant").get("payload").get("value").asText()).isEqualTo("{\"color\":\"#00f\"}");
        assertThat(json.get("reason").asText())
                .isEqualTo("strategies[0] (flexibleRollout) matched, its constraint held");

        GantryProcess.Result off =
                GantryProcess.run(dir, "flags", "evaluate", "prod-only", "--state", "features.json", "--json");
        assertThat(off.out().strip())
                .isEqualTo(
                        "{\"flag\":\"prod-only\",\"enabled\":false,\"variant\":{\"name\":\"disabled\",\"enabled\":false},"
                                + "\"reason\":\"no strategy matched: strategies[0] (default) constraints[0] environment IN"
                                + " [\\\"production\\\"] did not hold\"}");
    }

    @Test
    void envSetsTheEnvironmentUnlessTheContextNamesOneAndNeitherMayBeAnotherThanTheStates() {
        GantryProcess.Result withEnv = GantryProcess.run(
                dir, "flags", "evaluate", "prod-only", "--state", "features.json", "--env", "production");
        assertThat(withEnv.out()).startsWith("prod-only: on\n");
        GantryProcess.Result fromContext = GantryProcess.run(
                dir,
                "flags",
                "evaluate",
                "prod-only",
                "--state",
                "features.json",
                "--context",
                "{\"environment\":\"production\"}");
        assertThat(fromContext.out()).as(fromContext.err()).startsWith("prod-only: on\n");
        for (List<String> contextOfAnother : List.of(
                List.of("--context", "{\"environment\":\"staging\"}"),
                List.of("--env", "production", "--context", "{\"environment\":\"staging\"}"))) {
            List<String> args =
                    new java.util.ArrayList<>(List.of("flags", "evaluate", "prod-only", "--state", "features.json"));
            args.addAll(contextOfAnother);
            GantryProcess.Result refused = GantryProcess.run(dir, args.toArray(String[]::new));
            assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
            assertThat(refused.err())
                    .isEqualTo("gantry: features.json holds the flags of environment production, not staging (the"
                            + " context's environment)\n");
        }
        GantryProcess.Result otherEnvironment = GantryProcess.run(
                dir, "flags", "evaluate", "prod-only", "--state", "features.json", "--env", "staging");
        assertThat(otherEnvironment.exitCode()).isEqualTo(2);
        assertThat(otherEnvironment.err())
                .isEqualTo("gantry: features.json holds the flags of environment production, not staging\n");
    }

    @Test
    void aStateThatIsADeviceIsRefusedUnopened() {
        GantryProcess.Result refused = GantryProcess.run(dir, "flags", "evaluate", "checkout", "--state", "/dev/zero");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .isEqualTo("gantry: /dev/zero is a character device, expected a JSON file; refused without opening"
                        + " it\n");
    }

    @Test
    void anUnknownFlagIsOffAndSaysSo() {
        GantryProcess.Result result = GantryProcess.run(dir, "flags", "evaluate", "nope", "--state", "features.json");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo("nope: off\nvariant: disabled\nwhy: flag not found: the state has no flag \"nope\"\n");
    }

    @Test
    void badContextJsonSaysWhere() {
        GantryProcess.Result result = GantryProcess.run(
                dir, "flags", "evaluate", "checkout", "--state", "features.json", "--context", "{\"userId\": 42}");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("gantry: --context 1:12: userId: expected a string, got 42\n");
    }

    @Test
    void aBrokenStateFileSaysFileLineColumnAndPath() throws Exception {
        Files.writeString(
                dir.resolve("broken.json"),
                "{\n  \"features\": [\n    {\"name\": \"a\", \"enabled\": \"yes\"}\n  ]\n}\n");
        GantryProcess.Result result = GantryProcess.run(dir, "flags", "evaluate", "a", "--state", "broken.json");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("gantry: broken.json:3:30: features[0].enabled: expected true or false, got \"yes\"\n");
    }

    @Test
    void withoutStateOrEnvironmentItAsksForOne() {
        GantryProcess.Result result = GantryProcess.run(dir, "flags", "evaluate", "checkout");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .startsWith(
                        "gantry: say whose flags to evaluate against: --env ENV for the state Gantry keeps, or --state"
                                + " FILE\n");
        GantryProcess.Result missing = GantryProcess.run(dir, "flags", "evaluate", "checkout", "--state", "gone.json");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("gantry: gone.json: no such file\n");
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
