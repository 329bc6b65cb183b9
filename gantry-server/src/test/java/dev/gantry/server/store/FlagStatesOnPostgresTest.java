package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.flags.FlagChange;
import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The flag state Gantry keeps, on the team server's PostgreSQL store: the same service as on the embedded one. */
class FlagStatesOnPostgresTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static PostgresDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws Exception {
        database = PostgresDatabase.connect(PostgresUrl.parse(postgres.url()));
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Test
    void changesAreKeptFoldedAndExportedAndARollbacksTurnOffIsMadeOnce() throws Exception {
        Files.writeString(
                dir.resolve(PlanFile.NAME),
                """
                environments:
                  - { name: production }
                flags:
                  - { name: new-checkout, type: release, owner: Ana Lima, release: 1.4.0 }
                """);
        Plan plan = PlanFile.load(dir.resolve(PlanFile.NAME), true, PlugIns.registries());
        try (PostgresStore store = PostgresStore.open(database, "flags")) {
            FlagStates states = new FlagStates(store);
            states.configure(
                    plan,
                    "production",
                    "new-checkout",
                    "{\"name\": \"new-checkout\", \"variants\": [{\"name\": \"blue\", \"weight\": 1000}]}",
                    "f.json",
                    "Ana Lima",
                    "one variant",
                    T0);
            states.turn(plan, "production", "new-checkout", true, "Ana Lima", "launch", T0.plusSeconds(1));
            assertThat(states.flag(plan, "production", "new-checkout").on()).isTrue();
            var exported = states.export(plan, "production");
            assertThat(StateReader.read(StateWriter.write(exported))).isEqualTo(exported);
            assertThat(exported.features().get(0).variants()).hasSize(1);

            Optional<FlagEvent> off =
                    states.turnOffFor(plan, "production", "new-checkout", "run-1", "", "rollback", T0.plusSeconds(9));
            assertThat(states.turnOffFor(plan, "production", "new-checkout", "run-1", "", "rollback", T0))
                    .isEqualTo(off);
            assertThat(states.history(plan, "new-checkout", Optional.empty()))
                    .extracting(FlagEvent::change)
                    .hasSize(3)
                    .last()
                    .isEqualTo(new FlagChange.Switched(false));
        }
    }
}
