package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.sdk.json.DeltaReader;
import dev.gantry.flags.sdk.json.JsonLimits;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.state.DeltaEvent;
import dev.gantry.flags.sdk.state.FlagState;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stream's deltas, applied as an SDK applies them, turn each state into the next, whatever changed. */
class UnleashDeltasTest {

    private static final List<String> STATES = List.of(
            "{\"version\":2,\"features\":[],\"segments\":[]}",
            "{\"version\":2,\"features\":[{\"name\":\"a\",\"enabled\":true,\"strategies\":[]},"
                    + "{\"name\":\"b\",\"enabled\":false,\"strategies\":[{\"name\":\"default\",\"segments\":[1]}]}],"
                    + "\"segments\":[{\"id\":1,\"name\":\"eu\",\"constraints\":[{\"contextName\":\"country\","
                    + "\"operator\":\"IN\",\"values\":[\"de\"]}]}]}",
            "{\"version\":2,\"features\":[{\"name\":\"a\",\"enabled\":false,\"strategies\":[]},"
                    + "{\"name\":\"b\",\"enabled\":false,\"strategies\":[{\"name\":\"default\",\"segments\":[1,2]}]},"
                    + "{\"name\":\"c\",\"enabled\":true,\"strategies\":[],\"variants\":[{\"name\":\"v\",\"weight\":1000}]}],"
                    + "\"segments\":[{\"id\":1,\"name\":\"eu\",\"constraints\":[{\"contextName\":\"country\","
                    + "\"operator\":\"IN\",\"values\":[\"de\",\"fr\"]}]},{\"id\":2,\"name\":\"x\",\"constraints\":[]}]}",
            "{\"version\":2,\"features\":[{\"name\":\"c\",\"enabled\":true,\"strategies\":[]}],\"segments\":[]}");

    private static FlagState read(String json) throws Exception {
        FlagState state = StateReader.read(json);
        return new FlagState(2, state.features(), state.segments(), Optional.of("production"));
    }

    @Test
    void theDeltaBetweenAnyTwoStatesTurnsTheFirstIntoTheSecond() throws Exception {
        for (String from : STATES) {
            for (String to : STATES) {
                FlagState before = read(from);
                FlagState after = read(to);
                Optional<String> delta = UnleashDeltas.between(before, after, 7, "shop");
                assertThat(delta.isEmpty())
                        .as("%s -> %s: empty exactly when equal", from, to)
                        .isEqualTo(from.equals(to));
                FlagState applied = before;
                for (DeltaEvent event :
                        delta.isPresent() ? DeltaReader.read(delta.get(), JsonLimits.DEFAULT) : List.<DeltaEvent>of()) {
                    assertThat(event.eventId()).isEqualTo(7);
                    applied = event.apply(applied);
                }
                // An SDK keeps flags by name and segments by id: their order is not part of the state.
                assertThat(new HashSet<>(applied.features()))
                        .as("%s -> %s", from, to)
                        .isEqualTo(new HashSet<>(after.features()));
                assertThat(new HashSet<>(applied.segments()))
                        .as("%s -> %s", from, to)
                        .isEqualTo(new HashSet<>(after.segments()));
            }
        }
    }

    @Test
    void aHydrationIsTheWholeState() throws Exception {
        FlagState state = read(STATES.get(2));
        List<DeltaEvent> events = DeltaReader.read(UnleashDeltas.hydration(state, 3), JsonLimits.DEFAULT);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOf(DeltaEvent.Hydration.class);
        assertThat(events.get(0).apply(read(STATES.get(0)))).isEqualTo(state);
    }
}
