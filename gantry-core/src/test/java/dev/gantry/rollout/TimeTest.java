package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeTest {

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");

    @Test
    void virtualTimeJumpsToWhatIsWaitedForAndNeverBack() throws Exception {
        Time.Virtual time = Time.virtual(T0);
        time.waitFor(Duration.ofHours(1));
        assertThat(time.now()).isEqualTo(T0.plusSeconds(3600));
        time.waitUntil(T0);
        assertThat(time.now()).as("waiting for the past returns at once").isEqualTo(T0.plusSeconds(3600));
        time.advance(Duration.ofSeconds(5));
        assertThat(time.clock().instant()).isEqualTo(T0.plusSeconds(3605));
        java.time.Clock berlin = time.withZone(java.time.ZoneId.of("Europe/Berlin"));
        time.advance(Duration.ofSeconds(5));
        assertThat(berlin.instant()).as("a view in another zone moves with it").isEqualTo(T0.plusSeconds(3610));
    }

    @Test
    void realTimeDoesNotWaitForThePast() throws Exception {
        Time time = Time.system();
        Instant before = time.now();
        time.waitUntil(before.minusSeconds(60));
        assertThat(time.now()).isAfterOrEqualTo(before);
    }

    @Test
    void compressedTimeRunsTheRealClockFaster() throws Exception {
        Time.Virtual real = Time.virtual(T0);
        Time compressed = Time.compressed(real, 60);
        real.advance(Duration.ofSeconds(5));
        assertThat(compressed.now()).as("5 real seconds are 5 minutes").isEqualTo(T0.plusSeconds(300));
        compressed.waitUntil(T0.plusSeconds(60));
        assertThat(compressed.now()).as("waiting for the past returns at once").isEqualTo(T0.plusSeconds(300));
        assertThat(compressed
                        .clock()
                        .withZone(java.time.ZoneId.of("Europe/Berlin"))
                        .instant())
                .isEqualTo(T0.plusSeconds(300));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Time.compressed(real, 0.5))
                .hasMessage("a compression factor is 1 or more, got 0.5");
    }
}
