package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} promises, run against each implementation on its real database. A subclass gives each
 * test a database of its own that starts empty; {@link #open()} opens one more store on it, as another process or
 * server replica would, so that the races below are decided by the database and not by one store's locks.
 */
public abstract class StoreContract {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String HASH = "ab".repeat(32);
    private static final int RACERS = 6;

    private final List<Store> opened = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(RACERS);

    /** Opens another store on this test's database. */
    protected abstract Store openStore() throws Exception;

    /** A store on this test's database, closed after the test. */
    protected final Store open() throws Exception {
        Store store = openStore();
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() throws Exception {
        threads.shutdownNow();
        for (Store store : opened) {
            store.close();
        }
    }

    // Events

    @Test
    void appendedEventsReadBackOldestFirstWithEveryField() throws Exception {
        Store store = open();
        Instant at = Instant.parse("2025-03-07T14:00:00.123456789Z");

        Event first = store.append(new NewEvent(at, "1.4.0", "staging", "gate", "ana", "{\"go\":true}"));
        Event second = store.append(new NewEvent(at.plusSeconds(60), "1.4.0", null, "tick", null, null));

        assertThat(first)
                .isEqualTo(new Event(
                        first.sequence(),
                        at.truncatedTo(ChronoUnit.MICROS),
                        "1.4.0",
                        "staging",
                        "gate",
                        "ana",
                        "{\"go\":true}"));
        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(second)
                .extracting(Event::environment, Event::actor, Event::payload)
                .containsExactly("", "", "{}");
        assertThat(store.events("1.4.0", null)).containsExactly(first, second);
    }

    @Test
    void batchIsAppendedInOrderWithRisingSequenceNumbers() throws Exception {
        Store store = open();
        Event before = store.append(sample(0));

        List<Event> batch = store.appendAll(List.of(sample(1), sample(2), sample(3)));

        assertThat(batch).extracting(Event::payload).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(batch).extracting(Event::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(batch.get(0).sequence()).isGreaterThan(before.sequence());
        assertThat(store.events("1.4.0", "sample")).containsExactly(before, batch.get(0), batch.get(1), batch.get(2));
        assertThat(store.appendAll(List.of())).isEmpty();
    }

    @Test
    void batchWithOneEventThatCannotBeStoredStoresNone() throws Exception {
        Store store = open();
        NewEvent tooLong = new NewEvent(T0, "x".repeat(201), "prod", "sample", "", "{}");

        assertThatThrownBy(() -> store.appendAll(List.of(sample(1), tooLong, sample(3))))
                .isInstanceOf(StoreException.class);

        assertThat(store.events(null, null)).isEmpty();
        Event after = store.append(sample(4));
        assertThat(store.events(null, null))
                .as("the store writes on after the failed batch")
                .containsExactly(after);
    }

    @Test
    void eventsAreFilteredByReleaseAndKind() throws Exception {
        Store store = open();
        store.append(new NewEvent(T0, "1.4.0", "", "tick", "ana", "{\"n\":1}"));
        store.append(new NewEvent(T0, "1.5.0", "", "tick", "ana", "{\"n\":2}"));
        store.append(new NewEvent(T0, "1.4.0", "", "approval", "bo", "{\"n\":3}"));
        store.append(new NewEvent(T0, "1.4.0", "", "tick", "cy", "{\"n\":4}"));

        assertThat(store.events("1.4.0", "tick")).extracting(Event::payload).containsExactly("{\"n\":1}", "{\"n\":4}");
        assertThat(store.events("1.4.0", null))
                .extracting(Event::payload)
                .containsExactly("{\"n\":1}", "{\"n\":3}", "{\"n\":4}");
        assertThat(store.events(null, "tick"))
                .extracting(Event::payload)
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":4}");
        assertThat(store.events(null, null)).hasSize(4);
        assertThat(store.events("1.5.0", "approval")).isEmpty();
        assertThat(store.events("2.0.0", null)).isEmpty();
    }

    @Test
    void anApprovalKeepsThePlanItWasGivenUnderAndAnOlderOneReadsBackWithoutIt() throws Exception {
        Store store = open();
        ReleaseLog log = new ReleaseLog(store);
        Approval given = new Approval("1.4.0", "a1b2c3d", "qa", "Linh Vo", "green", T0, HASH);
        log.approve(given);
        // As approvals were written before they kept the plan's hash.
        store.append(new NewEvent(
                T0.plusSeconds(1),
                "1.4.0",
                "",
                "approval",
                "Bo Chen",
                "{\"commit\":\"a1b2c3d\",\"role\":\"tech-lead\"}"));

        assertThat(new ReleaseLog(open()).approvals("1.4.0"))
                .containsExactly(
                        given, new Approval("1.4.0", "a1b2c3d", "tech-lead", "Bo Chen", null, T0.plusSeconds(1), null));
    }

    @Test
    void eventsAfterASequenceNumberAreTheLaterOnes() throws Exception {
        Store store = open();
        Event first = store.append(new NewEvent(T0, "1.4.0", "", "tick", "", "{\"n\":1}"));
        Event other = store.append(new NewEvent(T0, "1.5.0", "", "tick", "", "{\"n\":2}"));
        Event third = store.append(new NewEvent(T0, "1.4.0", "", "gate", "", "{\"n\":3}"));

        assertThat(store.eventsAfter("1.4.0", first.sequence())).containsExactly(third);
        assertThat(store.eventsAfter(null, first.sequence())).containsExactly(other, third);
        assertThat(store.eventsAfter("1.4.0", 0)).containsExactly(first, third);
        assertThat(store.eventsAfter(null, third.sequence())).isEmpty();
    }

    @Test
    void eventsAppendedThroughOneStoreAreReadThroughAnother() throws Exception {
        Store writer = open();
        Store reader = open();

        Event written = writer.append(sample(1));

        assertThat(reader.events("1.4.0", null)).containsExactly(written);
    }

    @Test
    void storesAppendingAtOnceLoseNothing() throws Exception {
        int each = 30;
        List<Store> stores = new ArrayList<>();
        for (int s = 0; s < RACERS; s++) stores.add(open());
        CyclicBarrier start = new CyclicBarrier(RACERS);
        List<Future<List<Event>>> futures = new ArrayList<>();
        for (int s = 0; s < RACERS; s++) {
            Store store = stores.get(s);
            int first = s * each;
            futures.add(threads.submit(() -> {
                start.await();
                List<Event> mine = new ArrayList<>();
                for (int i = first; i < first + each; i += 3) {
                    mine.add(store.append(sample(i)));
                    mine.addAll(store.appendAll(List.of(sample(i + 1), sample(i + 2))));
                }
                return mine;
            }));
        }
        List<Event> returned = new ArrayList<>();
        for (Future<List<Event>> future : futures) returned.addAll(future.get());

        assertThat(returned).hasSize(RACERS * each);
        assertThat(returned).extracting(Event::sequence).doesNotHaveDuplicates();
        assertThat(returned).extracting(Event::payload).doesNotHaveDuplicates();
        assertThat(stores.get(0).events("1.4.0", "sample")).containsExactlyInAnyOrderElementsOf(returned);
    }

    @Test
    void closedStoreRefusesToRead() throws Exception {
        Store store = openStore();
        store.close();

        assertThatThrownBy(() -> store.events("1.4.0", null)).isInstanceOf(StoreException.class);
    }

    // Leases

    @Test
    void freeLeaseIsTakenUntilNowPlusTtl() throws Exception {
        Store store = open();

        Optional<Lease> taken = store.acquire("prod", "ana@build-7:42", "run-1", T0, TTL);

        Lease expected = new Lease("prod", "ana@build-7:42", "run-1", T0.plus(TTL));
        assertThat(taken).contains(expected);
        assertThat(store.lease("prod")).contains(expected);
        assertThat(store.lease("staging")).isEmpty();
    }

    @Test
    void heldLeaseKeepsOthersOutUntilTheInstantItExpires() throws Exception {
        Store ana = open();
        Store bo = open();
        ana.acquire("prod", "ana", "run-1", T0, TTL).orElseThrow();

        assertThat(bo.acquire("prod", "bo", "run-2", T0.plus(TTL).minusNanos(1000), TTL))
                .isEmpty();
        assertThat(bo.lease("prod").orElseThrow().holder()).isEqualTo("ana");

        Instant expiry = T0.plus(TTL);
        assertThat(bo.acquire("prod", "bo", "run-2", expiry, TTL))
                .contains(new Lease("prod", "bo", "run-2", expiry.plus(TTL)));
        assertThat(ana.lease("prod").orElseThrow().runId()).isEqualTo("run-2");
    }

    @Test
    void holderTakesItsOwnLeaseAgainForAnotherRun() throws Exception {
        Store store = open();
        store.acquire("prod", "ana", "run-1", T0, TTL);

        Optional<Lease> again = store.acquire("prod", "ana", "run-2", T0.plusSeconds(10), TTL);

        assertThat(again).contains(new Lease("prod", "ana", "run-2", T0.plusSeconds(40)));
        assertThat(store.lease("prod")).isEqualTo(again);
    }

    @Test
    void renewalPushesTheExpiryBack() throws Exception {
        Store store = open();
        store.acquire("prod", "ana", "run-1", T0, TTL);

        assertThat(store.renew("prod", "ana", T0.plusSeconds(20), TTL)).isTrue();

        assertThat(store.lease("prod")).contains(new Lease("prod", "ana", "run-1", T0.plusSeconds(50)));
        assertThat(store.acquire("prod", "bo", "run-2", T0.plusSeconds(40), TTL))
                .isEmpty();
    }

    @Test
    void expiredLeaseNoOneTookIsStillRenewed() throws Exception {
        Store store = open();
        store.acquire("prod", "ana", "run-1", T0, TTL);

        assertThat(store.renew("prod", "ana", T0.plusSeconds(90), TTL)).isTrue();

        assertThat(store.lease("prod").orElseThrow().expires()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void expiredLeaseIsTakenOverAndItsFormerHolderCannotRenewIt() throws Exception {
        Store ana = open();
        Store bo = open();
        ana.acquire("prod", "ana", "run-1", T0, TTL);

        assertThat(bo.acquire("prod", "bo", "run-2", T0.plusSeconds(31), TTL)).isPresent();

        assertThat(ana.renew("prod", "ana", T0.plusSeconds(32), TTL)).isFalse();
        assertThat(ana.lease("prod")).contains(new Lease("prod", "bo", "run-2", T0.plusSeconds(61)));
        assertThat(ana.renew("staging", "ana", T0, TTL)).as("never taken").isFalse();
    }

    @Test
    void releasedLeaseIsFreeAtOnceAndCannotBeRenewed() throws Exception {
        Store store = open();
        store.acquire("prod", "ana", "run-1", T0, TTL);

        store.release("prod", "ana");

        assertThat(store.lease("prod")).isEmpty();
        assertThat(store.renew("prod", "ana", T0.plusSeconds(1), TTL)).isFalse();
        assertThat(store.acquire("prod", "bo", "run-2", T0.plusSeconds(1), TTL)).isPresent();
    }

    @Test
    void releaseByAnotherHolderLeavesTheLeaseAndCanBeRepeated() throws Exception {
        Store store = open();
        Lease held = store.acquire("prod", "ana", "run-1", T0, TTL).orElseThrow();

        store.release("prod", "bo");
        store.release("staging", "ana");

        assertThat(store.lease("prod")).contains(held);
        store.release("prod", "ana");
        store.release("prod", "ana");
        assertThat(store.lease("prod")).isEmpty();
    }

    @Test
    void environmentsAreLeasedApart() throws Exception {
        Store store = open();
        Lease prod = store.acquire("prod", "ana", "run-1", T0, TTL).orElseThrow();
        store.acquire("staging", "bo", "run-2", T0, TTL).orElseThrow();

        store.release("staging", "bo");

        assertThat(store.lease("prod")).contains(prod);
        assertThat(store.lease("staging")).isEmpty();
    }

    @Test
    void instantsAreKeptToTheMicrosecond() throws Exception {
        Store store = open();
        Instant now = Instant.parse("2025-03-07T14:00:00.123456789Z");

        Lease taken = store.acquire("prod", "ana", "run-1", now, TTL).orElseThrow();

        assertThat(taken.expires()).isEqualTo(now.plus(TTL).truncatedTo(ChronoUnit.MICROS));
        assertThat(store.lease("prod")).contains(taken);
        assertThat(store.acquire("prod", "bo", "run-2", now.plus(TTL), TTL)).isPresent();
    }

    @Test
    void ttlMustBePositive() throws Exception {
        Store store = open();

        assertThatThrownBy(() -> store.acquire("prod", "ana", "run-1", T0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.renew("prod", "ana", T0, Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofStoresRacingForAFreeLeaseExactlyOneTakesIt() throws Exception {
        List<Store> stores = openRacers();

        for (int round = 0; round < 10; round++) {
            String environment = "env-" + round;
            List<Optional<Lease>> results = race(stores, environment, T0);

            assertExactlyOneWon(results, stores.get(0), environment);
        }
    }

    @Test
    void ofStoresRacingForAnExpiredLeaseExactlyOneTakesIt() throws Exception {
        List<Store> stores = openRacers();

        for (int round = 0; round < 10; round++) {
            String environment = "env-" + round;
            stores.get(0).acquire(environment, "gone", "run-0", T0, TTL).orElseThrow();

            List<Optional<Lease>> results = race(stores, environment, T0.plus(TTL));

            assertExactlyOneWon(results, stores.get(0), environment);
        }
    }

    @Test
    void ofStoresRacingForALeaseInForceNoneTakesIt() throws Exception {
        List<Store> stores = openRacers();
        Lease held = stores.get(0).acquire("prod", "ana", "run-0", T0, TTL).orElseThrow();

        List<Optional<Lease>> results = race(stores, "prod", T0.plus(TTL).minusSeconds(1));

        assertThat(results).allMatch(Optional::isEmpty);
        assertThat(stores.get(1).lease("prod")).contains(held);
    }

    // Anchors

    @Test
    void anchorIsSetReadAndMoved() throws Exception {
        Anchors anchors = open().anchors();

        anchors.set("prod", "run-1", new Anchors.Anchor(7, HASH));
        assertThat(anchors.of("prod", "run-1")).contains(new Anchors.Anchor(7, HASH));

        anchors.set("prod", "run-1", new Anchors.Anchor(9, "cd".repeat(32)));
        assertThat(anchors.of("prod", "run-1")).contains(new Anchors.Anchor(9, "cd".repeat(32)));
    }

    @Test
    void runWithoutAnchorHasNone() throws Exception {
        Anchors anchors = open().anchors();

        assertThat(anchors.of("prod", "run-1")).isEmpty();
        assertThat(anchors.runs("prod")).isEmpty();
    }

    @Test
    void anchoredRunsAreListedByEnvironment() throws Exception {
        Anchors anchors = open().anchors();
        anchors.set("prod", "run-1", new Anchors.Anchor(1, HASH));
        anchors.set("prod", "run-2", new Anchors.Anchor(2, HASH));
        anchors.set("prod", "run-2", new Anchors.Anchor(3, HASH));
        anchors.set("staging", "run-3", new Anchors.Anchor(4, HASH));

        assertThat(anchors.runs("prod")).containsExactlyInAnyOrder("run-1", "run-2");
        assertThat(anchors.runs("staging")).containsExactly("run-3");
        assertThat(anchors.of("staging", "run-1")).isEmpty();
    }

    @Test
    void anchorSetThroughOneStoreIsReadThroughAnother() throws Exception {
        Store writer = open();
        Store reader = open();

        writer.anchors().set("prod", "run-1", new Anchors.Anchor(5, HASH));

        assertThat(reader.anchors().of("prod", "run-1")).contains(new Anchors.Anchor(5, HASH));
    }

    private List<Store> openRacers() throws Exception {
        List<Store> stores = new ArrayList<>();
        for (int s = 0; s < RACERS; s++) stores.add(open());
        return stores;
    }

    /** Each store, holder {@code taker-N}, tries to take the environment's lease at {@code now}, all at once. */
    private List<Optional<Lease>> race(List<Store> stores, String environment, Instant now) throws Exception {
        CyclicBarrier start = new CyclicBarrier(stores.size());
        List<Future<Optional<Lease>>> futures = new ArrayList<>();
        for (int taker = 0; taker < stores.size(); taker++) {
            Store store = stores.get(taker);
            String holder = "taker-" + taker;
            Callable<Optional<Lease>> take = () -> {
                start.await();
                return store.acquire(environment, holder, "run-of-" + holder, now, TTL);
            };
            futures.add(threads.submit(take));
        }
        List<Optional<Lease>> results = new ArrayList<>();
        for (Future<Optional<Lease>> future : futures) results.add(future.get());
        return results;
    }

    private static void assertExactlyOneWon(List<Optional<Lease>> results, Store store, String environment)
            throws StoreException {
        List<Lease> won = results.stream().flatMap(Optional::stream).toList();
        assertThat(won).as("leases taken of " + environment).hasSize(1);
        assertThat(store.lease(environment))
                .as("the stored lease is the winner's")
                .contains(won.get(0));
    }

    private static NewEvent sample(int n) {
        return new NewEvent(T0.plusSeconds(n), "1.4.0", "prod", "sample", "", "{\"n\":" + n + "}");
    }

    // Evidence

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    /** An upload of {@code text} at {@code path}, with the file holding its bytes. */
    private Evidence.Upload upload(java.nio.file.Path dir, String path, String text, Instant at) throws Exception {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Path file =
                java.nio.file.Files.write(java.nio.file.Files.createTempFile(dir, "up", ".bin"), bytes);
        String sha = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        Evidence.Upload upload = new Evidence.Upload(COMMIT, path, bytes.length, sha, "CI Bot", at);
        uploadedFiles.put(upload, file);
        return upload;
    }

    private final java.util.Map<Evidence.Upload, java.nio.file.Path> uploadedFiles = new java.util.HashMap<>();

    @Test
    void evidenceIsListedByPathWithItsUploaderAndReadBackByteForByte(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Store store = open();
        Evidence.Upload junit = upload(dir, "build/test-results/TEST-a.xml", "<testsuite/>", T0.plusNanos(123_456_789));
        Evidence.Upload sarif = upload(dir, "build/codeql.sarif", "{\"runs\": []}", T0.plusSeconds(1));
        store.evidence().put(junit, uploadedFiles.get(junit));
        store.evidence().put(sarif, uploadedFiles.get(sarif));

        assertThat(open().evidence().of(COMMIT)).containsExactly(sarif, junit);
        assertThat(store.evidence().of("f".repeat(40))).isEmpty();
        java.nio.file.Path copy = dir.resolve("copy.xml");
        assertThat(store.evidence().copy(junit, copy)).isTrue();
        assertThat(java.nio.file.Files.readString(copy)).isEqualTo("<testsuite/>");
    }

    @Test
    void theNewestUploadOfAPathWinsAndTheFirstIsKept(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Store store = open();
        Evidence.Upload first = upload(dir, "results.json", "[1]", T0);
        Evidence.Upload second = upload(dir, "results.json", "[1, 2]", T0.plusSeconds(60));
        store.evidence().put(first, uploadedFiles.get(first));
        store.evidence().put(second, uploadedFiles.get(second));

        assertThat(store.evidence().of(COMMIT)).containsExactly(second);
        assertThat(store.evidence().newest(COMMIT, "results.json")).contains(second);
        java.nio.file.Path copy = dir.resolve("first.json");
        assertThat(store.evidence().copy(first, copy)).isTrue();
        assertThat(java.nio.file.Files.readString(copy)).isEqualTo("[1]");
        Evidence.Upload never = new Evidence.Upload(COMMIT, "results.json", 3, "0".repeat(64), "CI Bot", T0);
        assertThat(store.evidence().copy(never, copy)).isFalse();
    }
}
