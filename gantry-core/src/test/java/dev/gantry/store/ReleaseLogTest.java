package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release's facts written to a real H2 store and read back, also after reopening it. */
class ReleaseLogTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");

    @TempDir
    Path state;

    @Test
    void approvalsAndTicksRoundTrip() throws Exception {
        Approval qa = new Approval("1.4.0", "a1b2c3d", "qa", "ana", "looks good", T0);
        Approval security = new Approval("1.4.0", "a1b2c3d", "security", "bo", null, T0.plusSeconds(5));
        Tick tick = new Tick("1.4.0", "runbook updated", "cy", "see wiki page 12", T0.plusSeconds(9));
        try (H2Store store = H2Store.open(state)) {
            ReleaseLog log = new ReleaseLog(store);
            log.approve(qa);
            log.approve(new Approval("1.5.0", "e4f5a6b", "qa", "ana", "", T0));
            log.tick(tick);
            log.approve(security);
        }
        try (H2Store store = H2Store.open(state)) {
            ReleaseLog log = new ReleaseLog(store);
            assertThat(log.approvals("1.4.0")).containsExactly(qa, security);
            assertThat(log.ticks("1.4.0")).containsExactly(tick);
            assertThat(log.ticks("1.5.0")).isEmpty();
        }
    }

    @Test
    void lastGateIsTheNewestOfItsEnvironment() throws Exception {
        try (H2Store store = H2Store.open(state)) {
            ReleaseLog log = new ReleaseLog(store);
            log.gate("1.4.0", "staging", T0, "ci", "{\"go\":false}");
            log.gate("1.4.0", "staging", T0.plusSeconds(60), "ci", "{\"go\":true}");
            log.gate("1.4.0", "prod", T0.plusSeconds(120), "ana", "{\"go\":false}");
            log.gate("1.5.0", "staging", T0.plusSeconds(180), "ci", "{\"go\":false}");

            Event staging = log.lastGate("1.4.0", "staging").orElseThrow();
            assertThat(staging.payload()).isEqualTo("{\"go\":true}");
            assertThat(staging.at()).isEqualTo(T0.plusSeconds(60));
            assertThat(staging.actor()).isEqualTo("ci");
            assertThat(log.lastGate("1.4.0", "prod").orElseThrow().payload()).isEqualTo("{\"go\":false}");
            assertThat(log.lastGate("1.4.0", "dev")).isEmpty();
            assertThat(log.lastGate("2.0.0", "staging")).isEmpty();
        }
    }

    @Test
    void plannersAreListedOnceEachAndTheLastDateCounts() throws Exception {
        try (H2Store store = H2Store.open(state)) {
            ReleaseLog log = new ReleaseLog(store);
            assertThat(log.plannedDate("1.4.0")).isEmpty();
            log.planned("1.4.0", java.time.LocalDate.parse("2026-03-20"), T0, "ana");
            log.planned("1.4.0", java.time.LocalDate.parse("2026-03-23"), T0.plusSeconds(1), "bo");
            log.planned("1.4.0", java.time.LocalDate.parse("2026-03-24"), T0.plusSeconds(2), "ana");

            assertThat(log.planners("1.4.0")).containsExactly("ana", "bo");
            assertThat(log.plannedDate("1.4.0")).contains(java.time.LocalDate.parse("2026-03-24"));
        }
    }
}
