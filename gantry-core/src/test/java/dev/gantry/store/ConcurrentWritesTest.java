package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches of events, and threads writing through one store at once while their syncs to the disk are shared. */
class ConcurrentWritesTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");

    @TempDir
    Path state;

    @Test
    void batchIsAppendedInOrderAndReadBack() throws Exception {
        try (H2Store store = H2Store.open(state)) {
            store.append(sample(0));

            List<Event> batch = store.appendAll(List.of(sample(1), sample(2), sample(3)));

            assertThat(batch).extracting(Event::payload).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            assertThat(batch).extracting(Event::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(store.events("1.4.0", "sample")).hasSize(4).endsWith(batch.toArray(Event[]::new));
            assertThat(store.appendAll(List.of())).isEmpty();
        }
    }

    @Test
    void batchWithOneBadEventStoresNone() throws Exception {
        try (H2Store store = H2Store.open(state)) {
            NewEvent tooLong = new NewEvent(T0, "x".repeat(201), "prod", "sample", "", "{}");

            assertThatThrownBy(() -> store.appendAll(List.of(sample(1), tooLong, sample(3))))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot append 3 events, the first a sample event of release 1.4.0, to "
                            + "the state database " + state.resolve("gantry.mv.db") + ": ");

            assertThat(store.events("1.4.0", null)).isEmpty();
            store.append(sample(4));
            assertThat(store.events("1.4.0", null))
                    .as("the connection writes on by itself again")
                    .extracting(Event::payload)
                    .containsExactly("{\"n\":4}");
        }
    }

    @Test
    void threadsAppendingAtOnceEachGetTheirOwnEvent() throws Exception {
        int threads = 8, each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (H2Store store = H2Store.open(state)) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<List<Event>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * each;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Event> mine = new ArrayList<>();
                    for (int i = first; i < first + each; i++) {
                        mine.add(
                                i % 5 == 0 ? store.appendAll(List.of(sample(i))).get(0) : store.append(sample(i)));
                    }
                    return mine;
                }));
            }
            List<Event> returned = new ArrayList<>();
            for (Future<List<Event>> future : futures) {
                returned.addAll(future.get());
            }

            assertThat(returned).extracting(Event::sequence).doesNotHaveDuplicates();
            assertThat(store.events("1.4.0", "sample")).containsExactlyInAnyOrderElementsOf(returned);
            assertThat(returned)
                    .extracting(Event::payload)
                    .doesNotHaveDuplicates()
                    .hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    private static NewEvent sample(int n) {
        return new NewEvent(T0.plusSeconds(n), "1.4.0", "prod", "sample", "", "{\"n\":" + n + "}");
    }
}
