package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.coordinate.StatusQuery;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.rollout.Phase;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.H2Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status and history from the server are what the same records give read in place, record for record. */
class ServerApiTest {

    @TempDir
    static Path dir;

    private static ServerFixture fixture;
    private static ServerClient reader;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(dir);
        fixture.recordRuns();
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        reader = ServerClient.of(
                fixture.url(),
                admin.issue(new TokenRequest("Priya Shah", List.of("read"), 30)).text());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void statusFromTheServerIsTheStatusReadInPlace() throws Exception {
        fixture.clock.advance(Duration.ofMinutes(17));
        List<EnvironmentStatus> remote = reader.status("shop", Optional.empty());
        Plan plan = PlanFile.load(fixture.source.resolve(PlanFile.NAME), true, PlugIns.registries());
        List<EnvironmentStatus> local;
        try (H2Store store = H2Store.open(fixture.data.resolve("projects/shop/state"))) {
            local = new StatusQuery(store).of(plan, List.of("staging", "production"), fixture.clock.instant());
        }
        assertThat(remote).isEqualTo(local);
        EnvironmentStatus production = remote.get(1);
        assertThat(production.last().orElseThrow().view().phase()).isEqualTo(Phase.WATCH);
        assertThat(production.last().orElseThrow().untrusted()).isEmpty();
        assertThat(reader.status("shop", Optional.of("staging")))
                .singleElement()
                .satisfies(
                        s -> assertThat(s.last().orElseThrow().summary().end()).isPresent());
    }

    @Test
    void historyFromTheServerIsNewestFirstAndLimited() throws Exception {
        List<HistoryQuery.Entry> all = reader.history("shop", Optional.empty(), 20);
        assertThat(all).extracting(e -> e.run().runId()).containsExactly("p-1", "s-1");
        assertThat(reader.history("shop", Optional.empty(), 1))
                .extracting(e -> e.run().runId())
                .containsExactly("p-1");
        assertThat(reader.history("shop", Optional.of("staging"), 5))
                .extracting(HistoryQuery.Entry::environment)
                .containsExactly("staging");
    }

    @Test
    void anUnknownProjectOrEnvironmentOrABadLimitIsRefusedWithWhatIsKnown() {
        assertThatThrownBy(() -> reader.status("shoe", Optional.empty()))
                .isInstanceOf(ServerCallException.class)
                .hasMessage("unknown project \"shoe\"; the server has: shop");
        assertThatThrownBy(() -> reader.status("shop", Optional.of("prod")))
                .hasMessage("unknown environment \"prod\"; the plan has: staging, production")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);
        assertThatThrownBy(() -> reader.history("shop", Optional.empty(), 0))
                .hasMessage("limit needs a positive number, got \"0\"");
        assertThatThrownBy(() -> reader.status("../../etc", Optional.empty())).isInstanceOf(ServerCallException.class);
    }
}
