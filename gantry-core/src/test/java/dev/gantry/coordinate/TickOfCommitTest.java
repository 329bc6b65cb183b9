package dev.gantry.coordinate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.documents.Checklist;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Gate;
import dev.gantry.gate.GateResult;
import dev.gantry.plan.Plan;
import dev.gantry.store.H2Store;
import dev.gantry.store.ReleaseLog;
import dev.gantry.testing.PlanText;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tick is of the commit it was given for, as an approval is: another commit of the version needs its own. */
class TickOfCommitTest {

    private static final String TICKED = "1111111111111111111111111111111111111111";
    private static final String LATER = "2222222222222222222222222222222222222222";
    private static final Instant NOW = Instant.parse("2026-03-20T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aTickCountsForItsCommitAloneInTheGateAndTheChecklist() throws Exception {
        Plan plan = PlanText.load(
                dir,
                """
                environments:
                  - { name: production }
                people:
                  - { name: Linh Vo, roles: [qa] }
                criteria:
                  - { id: DEP-011, title: Load test reviewed, blocker: true }
                """);
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            new ChecklistService(store)
                    .tick(plan, "production", "1.4.0", TICKED, "DEP-011", "Linh Vo", "reviewed", NOW);

            assertThat(gate(plan, store, TICKED).status()).isEqualTo(CheckResult.Status.MET);
            assertThat(gate(plan, store, LATER).status()).isEqualTo(CheckResult.Status.UNMET);
            assertThat(done(new ChecklistService(store).checklist(plan, "production", "1.4.0", TICKED)))
                    .isTrue();
            assertThat(done(new ChecklistService(store).checklist(plan, "production", "1.4.0", LATER)))
                    .as("the checklist of a later commit of 1.4.0")
                    .isFalse();
        }
    }

    private static CheckResult gate(Plan plan, H2Store store, String commit) throws Exception {
        GateResult result = new Gate()
                .evaluate(
                        new CheckContext(
                                Path.of("."),
                                null,
                                plan,
                                "production",
                                Version.parse("1.4.0"),
                                "v1.4.0",
                                Optional.of("v1.3.0"),
                                commit,
                                ReleaseType.MINOR,
                                false,
                                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC),
                                new ReleaseLog(store),
                                Map.of()),
                        List.of());
        return result.outcomes().stream()
                .filter(o -> o.id().equals("DEP-011"))
                .findFirst()
                .orElseThrow()
                .result();
    }

    private static boolean done(Checklist checklist) {
        return checklist.items().stream()
                .filter(i -> i.key().equals("DEP-011"))
                .findFirst()
                .orElseThrow()
                .done();
    }
}
