package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takers racing for the same lease, started together by a barrier: through one store shared by threads, and
 * through several stores open on the same database, each with its own connection, so that the database itself
 * decides, as between processes on PostgreSQL.
 */
class LeaseRaceTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final int TAKERS = 6;
    private static final int ROUNDS = 25;

    @TempDir
    Path state;

    private final List<H2Store> stores = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(TAKERS);

    @AfterEach
    void close() throws StoreException {
        threads.shutdownNow();
        for (H2Store store : stores) {
            store.close();
        }
    }

    @Test
    void threadsSharingOneStoreLetExactlyOneTakeAFreeLease() throws Exception {
        H2Store shared = open();

        for (int round = 0; round < ROUNDS; round++) {
            String environment = "env-" + round;
            List<Optional<Lease>> results = race(taker -> shared, environment, T0);

            assertExactlyOneWon(results, shared, environment);
        }
    }

    @Test
    void storesOnOneDatabaseLetExactlyOneTakeAFreeLease() throws Exception {
        List<H2Store> own = openEach();

        for (int round = 0; round < ROUNDS; round++) {
            String environment = "env-" + round;
            List<Optional<Lease>> results = race(own::get, environment, T0);

            assertExactlyOneWon(results, own.get(0), environment);
        }
    }

    @Test
    void storesOnOneDatabaseLetExactlyOneTakeOverAnExpiredLease() throws Exception {
        List<H2Store> own = openEach();

        for (int round = 0; round < ROUNDS; round++) {
            String environment = "env-" + round;
            own.get(0).acquire(environment, "gone", "run-0", T0, TTL).orElseThrow();

            List<Optional<Lease>> results = race(own::get, environment, T0.plus(TTL));

            assertExactlyOneWon(results, own.get(0), environment);
        }
    }

    @Test
    void storesOnOneDatabaseLetNoOneTakeALeaseInForce() throws Exception {
        List<H2Store> own = openEach();
        Lease held = own.get(0).acquire("prod", "ana", "run-0", T0, TTL).orElseThrow();

        List<Optional<Lease>> results = race(own::get, "prod", T0.plus(TTL).minusSeconds(1));

        assertThat(results).allMatch(Optional::isEmpty);
        assertThat(own.get(1).lease("prod")).contains(held);
    }

    private interface StoreOf {
        H2Store of(int taker);
    }

    /** Each taker, holder {@code taker-N}, tries to take the environment's lease at {@code now}, all at once. */
    private List<Optional<Lease>> race(StoreOf storeOf, String environment, Instant now) throws Exception {
        CyclicBarrier start = new CyclicBarrier(TAKERS);
        List<Future<Optional<Lease>>> futures = new ArrayList<>();
        for (int taker = 0; taker < TAKERS; taker++) {
            H2Store store = storeOf.of(taker);
            String holder = "taker-" + taker;
            futures.add(threads.submit(() -> {
                start.await();
                return store.acquire(environment, holder, "run-of-" + holder, now, TTL);
            }));
        }
        List<Optional<Lease>> results = new ArrayList<>();
        for (Future<Optional<Lease>> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static void assertExactlyOneWon(List<Optional<Lease>> results, H2Store store, String environment)
            throws StoreException {
        List<Lease> won = results.stream().flatMap(Optional::stream).toList();
        assertThat(won).as("leases taken of " + environment).hasSize(1);
        assertThat(store.lease(environment))
                .as("the stored lease is the winner's")
                .contains(won.get(0));
    }

    private H2Store open() throws StoreException {
        H2Store store = H2Store.open(state);
        stores.add(store);
        return store;
    }

    private List<H2Store> openEach() throws StoreException {
        List<H2Store> own = new ArrayList<>();
        for (int taker = 0; taker < TAKERS; taker++) {
            own.add(open());
        }
        return own;
    }
}
