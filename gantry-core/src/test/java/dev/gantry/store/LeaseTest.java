package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per environment: leases taken, renewed, released and expired in a real H2 store, on injected instants. */
class LeaseTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    @TempDir
    Path state;

    private H2Store store;

    @BeforeEach
    void open() throws StoreException {
        store = H2Store.open(state);
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    @Test
    void freeLeaseIsTakenUntilNowPlusTtl() throws Exception {
        Optional<Lease> taken = store.acquire("prod", "ana@build-7:42", "run-1", T0, TTL);

        Lease expected = new Lease("prod", "ana@build-7:42", "run-1", T0.plus(TTL));
        assertThat(taken).contains(expected);
        assertThat(store.lease("prod")).contains(expected);
        assertThat(store.lease("staging")).isEmpty();
    }

    @Test
    void heldLeaseKeepsOthersOutUntilTheInstantItExpires() throws Exception {
        store.acquire("prod", "ana", "run-1", T0, TTL);

        assertThat(store.acquire("prod", "bo", "run-2", T0.plus(TTL).minusNanos(1000), TTL))
                .isEmpty();
        assertThat(store.lease("prod").orElseThrow().holder()).isEqualTo("ana");

        Instant expiry = T0.plus(TTL);
        assertThat(store.acquire("prod", "bo", "run-2", expiry, TTL))
                .contains(new Lease("prod", "bo", "run-2", expiry.plus(TTL)));
        assertThat(store.lease("prod").orElseThrow().runId()).isEqualTo("run-2");
    }

    @Test
    void expiredAtAgreesWithTheStore() throws Exception {
        Lease lease = store.acquire("prod", "ana", "run-1", T0, TTL).orElseThrow();

        assertThat(lease.expiredAt(T0.plus(TTL).minusNanos(1))).isFalse();
        assertThat(lease.expiredAt(T0.plus(TTL))).isTrue();
    }

    @Test
    void holderTakesItsOwnLeaseAgainForAnotherRun() throws Exception {
        store.acquire("prod", "ana", "run-1", T0, TTL);

        Optional<Lease> again = store.acquire("prod", "ana", "run-2", T0.plusSeconds(10), TTL);

        assertThat(again).contains(new Lease("prod", "ana", "run-2", T0.plusSeconds(40)));
        assertThat(store.lease("prod")).isEqualTo(again);
    }

    @Test
    void renewalPushesTheExpiryBack() throws Exception {
        store.acquire("prod", "ana", "run-1", T0, TTL);

        assertThat(store.renew("prod", "ana", T0.plusSeconds(20), TTL)).isTrue();

        assertThat(store.lease("prod")).contains(new Lease("prod", "ana", "run-1", T0.plusSeconds(50)));
        assertThat(store.acquire("prod", "bo", "run-2", T0.plusSeconds(40), TTL))
                .as("no longer expired at T0 + 30 s")
                .isEmpty();
    }

    @Test
    void expiredLeaseNoOneTookIsStillRenewed() throws Exception {
        store.acquire("prod", "ana", "run-1", T0, TTL);

        assertThat(store.renew("prod", "ana", T0.plusSeconds(90), TTL)).isTrue();

        assertThat(store.lease("prod").orElseThrow().expires()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void holderThatLostTheLeaseCannotRenewIt() throws Exception {
        store.acquire("prod", "ana", "run-1", T0, TTL);
        store.acquire("prod", "bo", "run-2", T0.plusSeconds(31), TTL);

        assertThat(store.renew("prod", "ana", T0.plusSeconds(32), TTL)).isFalse();

        assertThat(store.lease("prod")).contains(new Lease("prod", "bo", "run-2", T0.plusSeconds(61)));
        assertThat(store.renew("staging", "ana", T0, TTL)).as("never taken").isFalse();
    }

    @Test
    void releasedLeaseIsFreeAtOnceAndCannotBeRenewed() throws Exception {
        store.acquire("prod", "ana", "run-1", T0, TTL);

        store.release("prod", "ana");

        assertThat(store.lease("prod")).isEmpty();
        assertThat(store.renew("prod", "ana", T0.plusSeconds(1), TTL)).isFalse();
        assertThat(store.acquire("prod", "bo", "run-2", T0.plusSeconds(1), TTL)).isPresent();
    }

    @Test
    void releaseByAnotherHolderLeavesTheLease() throws Exception {
        Lease held = store.acquire("prod", "ana", "run-1", T0, TTL).orElseThrow();

        store.release("prod", "bo");
        store.release("staging", "ana");

        assertThat(store.lease("prod")).contains(held);
    }

    @Test
    void environmentsAreLeasedApart() throws Exception {
        Lease prod = store.acquire("prod", "ana", "run-1", T0, TTL).orElseThrow();
        Lease staging = store.acquire("staging", "bo", "run-2", T0, TTL).orElseThrow();

        store.release("staging", "bo");

        assertThat(store.lease("prod")).contains(prod);
        assertThat(store.lease("staging")).isEmpty();
        assertThat(staging.environment()).isEqualTo("staging");
    }

    @Test
    void leaseSurvivesReopening() throws Exception {
        Lease held = store.acquire("prod", "ana", "run-1", T0, TTL).orElseThrow();
        store.close();

        store = H2Store.open(state);

        assertThat(store.lease("prod")).contains(held);
        assertThat(store.acquire("prod", "bo", "run-2", T0.plusSeconds(1), TTL)).isEmpty();
    }

    @Test
    void instantsAreKeptToTheMicrosecondAlike() throws Exception {
        Instant now = Instant.parse("2025-03-07T14:00:00.123456789Z");

        Lease taken = store.acquire("prod", "ana", "run-1", now, TTL).orElseThrow();

        assertThat(taken.expires()).isEqualTo(now.plus(TTL).truncatedTo(ChronoUnit.MICROS));
        assertThat(store.lease("prod")).contains(taken);
        assertThat(store.acquire("prod", "bo", "run-2", now.plus(TTL), TTL))
                .as("at its expiry, nanoseconds included, the lease is free")
                .isPresent();
    }

    @Test
    void ttlMustBePositive() {
        assertThatThrownBy(() -> store.acquire("prod", "ana", "run-1", T0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a lease's time to live must be positive, got PT0S");
        assertThatThrownBy(() -> store.renew("prod", "ana", T0, Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a lease's time to live must be positive, got PT-5S");
    }

    @Test
    void failedAcquireNamesTheEnvironmentAndTheDatabase() throws Exception {
        String tooLong = "x".repeat(201);

        assertThatThrownBy(() -> store.acquire(tooLong, "ana", "run-1", T0, TTL))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot take the lease of environment " + tooLong + " in the state database "
                        + state.resolve("gantry.mv.db") + ": ");
        assertThat(store.acquire("prod", "ana", "run-1", T0, TTL))
                .as("the failed transaction left the connection usable")
                .isPresent();
    }

    @Test
    void readingAfterCloseNamesTheDatabase() throws Exception {
        store.close();

        assertThatThrownBy(() -> store.lease("prod"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot read the lease of environment prod from the state database "
                        + state.resolve("gantry.mv.db"));
        store = H2Store.open(state);
    }
}
