package dev.gantry.server;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.store.H2Store;
import java.time.Instant;

/**
 * Changes the flags of the fixture's project as the command line does on the machine that holds its records: through
 * the core's {@link FlagStates}, on a store of its own over the project's database, not through the server.
 */
final class FlagWriter {

    private final ServerFixture fixture;
    private final Plan plan;
    private int changes;

    FlagWriter(ServerFixture fixture) throws Exception {
        this.fixture = fixture;
        this.plan = PlanFile.load(fixture.source.resolve(PlanFile.NAME), true, PlugIns.registries());
    }

    void turn(String environment, String flag, boolean on) throws Exception {
        try (H2Store store = store()) {
            new FlagStates(store).turn(plan, environment, flag, on, "Ana Lima", "a test", next());
        }
    }

    /** Replaces the flag's strategies, variants and dependencies with those of {@code json}, in Unleash's shape. */
    void configure(String environment, String flag, String json) throws Exception {
        try (H2Store store = store()) {
            new FlagStates(store)
                    .configure(plan, environment, flag, json, flag + ".json", "Ana Lima", "a test", next());
        }
    }

    /** The environment's state as the core exports it. */
    FlagState export(String environment) throws Exception {
        try (H2Store store = store()) {
            return new FlagStates(store).export(plan, environment);
        }
    }

    private H2Store store() throws Exception {
        return H2Store.open(fixture.data.resolve("projects/shop/state"));
    }

    private Instant next() {
        return ServerFixture.T0.plusSeconds(++changes);
    }
}
