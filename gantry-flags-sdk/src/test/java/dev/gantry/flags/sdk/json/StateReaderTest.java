package dev.gantry.flags.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.flags.sdk.state.Operator;
import dev.gantry.flags.sdk.state.WeightType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateReaderTest {

    @Test
    void readsUnleashsClientFeaturesAnswer() throws Exception {
        FlagState state = StateReader.read(
                """
                {"version": 2, "query": {"environment": "production"},
                 "features": [{"name": "checkout", "type": "release", "enabled": true, "stale": false,
                   "strategies": [{"name": "flexibleRollout", "sortOrder": 0,
                     "parameters": {"rollout": "25", "groupId": "checkout", "stickiness": "default"},
                     "constraints": [{"contextName": "country", "operator": "IN", "values": ["de"],
                                      "caseInsensitive": false, "inverted": false}],
                     "segments": [3], "variants": []}],
                   "variants": [{"name": "blue", "weight": 1000, "weightType": "fix", "stickiness": "default",
                                 "payload": {"type": "string", "value": "b"},
                                 "overrides": [{"contextName": "userId", "values": ["1"]}]}],
                   "dependencies": [{"feature": "parent", "variants": ["on"]}]}],
                 "segments": [{"id": 3, "name": "eu", "constraints": []}]}
                """);
        assertThat(state.version()).isEqualTo(2);
        assertThat(state.environment()).contains("production");
        var feature = state.features().get(0);
        assertThat(feature.type()).contains("release");
        assertThat(feature.strategies().get(0).parameters()).containsEntry("rollout", "25");
        assertThat(feature.strategies().get(0).constraints().get(0).operator()).isEqualTo(Operator.IN);
        assertThat(feature.strategies().get(0).segments()).containsExactly(3);
        assertThat(feature.variants().get(0).weightType()).isEqualTo(WeightType.FIX);
        assertThat(feature.variants().get(0).payload().orElseThrow().value()).isEqualTo("b");
        assertThat(feature.dependencies().get(0).enabled()).isTrue();
        assertThat(feature.dependencies().get(0).variants()).containsExactly("on");
        assertThat(state.segments().get(0).name()).isEqualTo("eu");
    }

    @Test
    void anUnknownOperatorLoadsAndKeepsItsName() throws Exception {
        FlagState state = StateReader.read(
                "{\"features\":[{\"name\":\"f\",\"enabled\":true,\"strategies\":[{\"name\":\"default\","
                        + "\"constraints\":[{\"contextName\":\"x\",\"operator\":\"GEO_NEAR\",\"values\":[]}]}]}]}");
        var constraint =
                state.features().get(0).strategies().get(0).constraints().get(0);
        assertThat(constraint.operator()).isEqualTo(Operator.UNKNOWN);
        assertThat(constraint.operatorName()).isEqualTo("GEO_NEAR");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
        {"features": [{"name": "a", "enabled": "yes"}]}                         | 1:40: features[0].enabled: expected true or false, got "yes"                    | a string where a boolean belongs
        {"features": [{"enabled": true}]}                                        | 1:15: features[0]: missing "name", expected a string                            | a flag without a name
        {"features": [{"name": "a", "enabled": true, "strategies": [{"name": "flexibleRollout", "parameters": {"rollout": 25}}]}]} | 1:115: features[0].strategies[0].parameters.rollout: expected a string, got 25 | a number where Unleash sends a string
        {"features": [{"name": "a", "enabled": true, "variants": [{"name": "v", "weight": -1}]}]} | 1:83: features[0].variants[0].weight: expected a weight of 0 or more, got -1 | a negative weight
        {"features": [{"name": "a", "enabled": true, "variants": [{"name": "v", "weight": 1, "weightType": "half"}]}]} | 1:100: features[0].variants[0].weightType: expected "variable" or "fix", got "half" | an unknown weight type
        {"features": [{"name": "a", "enabled": true}, {"name": "a", "enabled": true}]} | 1:14: features: flag "a" appears twice (features[1])                        | a flag defined twice
        {"features": {}}                                                         | 1:14: features: expected an array, got an object                                | features as an object
        {"features": [{"name": "a", "enabled": true,}]}                          | 1:45: features[0]: unexpected '}', expected a member name in double quotes       | a trailing comma
        {"features": [{"name": "a" "enabled": true}]}                            | 1:28: features[0]: unexpected '"', expected ',' or '}'| a missing colon
        {"version": 2, "version": 3}                                             | 1:16: $: duplicate member "version"                                             | a duplicate member
        {"features": [tru]}                                                      | 1:15: features[0]: unexpected 't', expected a value                             | a misspelt literal
        {"features": [{"name": "a\\x"}]}                                         | 1:27: features[0].name: unknown escape \\x                                       | an unknown escape
        {"features": []} x                                                       | 1:18: $: unexpected 'x' after the end of the document                           | text after the document
        {"features": [01]}                                                       | 1:16: features: unexpected '1', expected ',' or ']'                          | a leading zero
        """)
    void malformedInputNamesLineColumnAndPath(String json, String message, String what) {
        assertThatThrownBy(() -> StateReader.read(json))
                .isInstanceOf(InvalidJson.class)
                .hasMessage(message);
    }

    @Test
    void errorsOnLaterLinesCountLines() {
        String json =
                "{\n  \"features\": [\n    {\"name\": \"a\",\n     \"enabled\": null,\n     \"strategies\": 5}\n  ]\n}";
        assertThatThrownBy(() -> StateReader.read(json)).isInstanceOfSatisfying(InvalidJson.class, e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(5);
            assertThat(e.path()).isEqualTo("features[0]");
            assertThat(e.problem()).isEqualTo("missing \"enabled\", expected true or false");
        });
        String strategies =
                "{\n  \"features\": [\n    {\"name\": \"a\", \"enabled\": true,\n     \"strategies\": 5}\n  ]\n}";
        assertThatThrownBy(() -> StateReader.read(strategies))
                .hasMessage("4:20: features[0].strategies: expected an array, got 5");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> JsonParser.parse(deep))
                .hasMessage(
                        "1:65: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nesting deeper than the limit of 64");
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeParsing() {
        assertThatThrownBy(() -> StateReader.read("{\"features\": []}", new JsonLimits(10, 8)))
                .hasMessage("1:1: $: document of 16 characters is over the limit of 10");
    }

    @Test
    void contextsRefuseUnknownFieldsAndNonStringValues() {
        assertThatThrownBy(() -> ContextReader.read("{\"userID\": \"42\"}"))
                .hasMessage(
                        "1:12: userID: unknown context field \"userID\", expected one of appName, currentTime,"
                                + " environment, properties, remoteAddress, sessionId, userId (put other fields in properties)");
        assertThatThrownBy(() -> ContextReader.read("{\"properties\": {\"age\": 30}}"))
                .hasMessage("1:24: properties.age: expected a string, got 30");
    }
}
