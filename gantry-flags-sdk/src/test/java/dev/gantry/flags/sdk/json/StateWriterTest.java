package dev.gantry.flags.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.sdk.state.DeltaEvent;
import dev.gantry.flags.sdk.state.FlagState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"evaluator-table-state.json", "unleash-compatibility-state.json"})
    void whatIsWrittenReadsBackAsTheSameState(String resource) throws Exception {
        String json;
        try (InputStream in = StateWriterTest.class.getResourceAsStream("/dev/gantry/flags/sdk/" + resource)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        FlagState state = StateReader.read(json);
        assertThat(state.features()).isNotEmpty();
        assertThat(StateReader.read(StateWriter.write(state))).isEqualTo(state);
    }

    @Test
    void unleashDeltaEventsApplyInOrder() throws Exception {
        List<DeltaEvent> events = DeltaReader.read(
                """
                {"events": [
                  {"eventId": 1, "type": "hydration",
                   "features": [{"name": "a", "enabled": true, "strategies": [], "variants": []},
                                {"name": "b", "enabled": true, "strategies": [{"name": "default", "segments": [1]}]}],
                   "segments": [{"id": 1, "name": "eu", "constraints": []}]},
                  {"eventId": 2, "type": "feature-updated",
                   "feature": {"name": "a", "enabled": false, "strategies": [], "variants": []}},
                  {"eventId": 3, "type": "feature-removed", "featureName": "b", "project": "default"},
                  {"eventId": 4, "type": "segment-updated", "segment": {"id": 2, "name": "us", "constraints": []}},
                  {"eventId": 5, "type": "segment-removed", "segmentId": 1}
                ]}
                """,
                JsonLimits.DEFAULT);
        FlagState state = new FlagState(2, List.of(), List.of(), java.util.Optional.empty());
        for (DeltaEvent event : events) {
            state = event.apply(state);
        }
        assertThat(events).extracting(DeltaEvent::eventId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(state.features())
                .extracting(f -> f.name() + "=" + f.enabled())
                .containsExactly("a=false");
        assertThat(state.segments()).extracting(s -> s.name()).containsExactly("us");
    }

    @Test
    void anUnknownDeltaTypeIsRefusedAtItsPlace() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeltaReader.read(
                        "{\"events\":[{\"eventId\":1,\"type\":\"feature-renamed\"}]}", JsonLimits.DEFAULT))
                .isInstanceOf(InvalidJson.class)
                .hasMessageContaining("events[0].type: unknown delta event type \"feature-renamed\"");
    }
}
