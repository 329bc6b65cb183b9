package dev.gantry.bench;

import dev.gantry.store.Event;
import dev.gantry.store.H2Store;
import dev.gantry.store.H2Store.Durability;
import dev.gantry.store.NewEvent;
import dev.gantry.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Measures how many events per second the embedded H2 store appends, each durable when its call returns: forced
 * to the disk ({@code power-cut}, the store's default) or written to the operating system ({@code kill}).
 *
 * <p>Usage: {@code StoreAppendBench [--events 20000] [--rounds 5] [--warmup 5000] [--durability power-cut,kill]
 * [--threads 1,4] [--batch 1]}. For each durability, thread count and batch size, a new store in a temporary
 * folder is warmed up with {@code --warmup} events, then timed over {@code --rounds} rounds of {@code --events}
 * events shared by the threads, which append them one call each ({@code --batch 1}) or in {@code appendAll} calls
 * of that many. The payloads alternate between a watch-window sample and a gate criterion, about 300 bytes each. A
 * row gives the median, lowest and highest rate of the rounds, and the median and 99th percentile time of a call.
 */
public final class StoreAppendBench {

    private static final double GOAL = 5000;
    private static final Instant BASE = Instant.parse("2025-03-07T14:00:00Z");
    private static final String RELEASE = "1.4.0";
    private static final String SAMPLE =
            "{\"step\":2,\"weight\":25,\"t\":\"T+12m\",\"error_rate\":0.0042,\"rps\":1843.2,"
                    + "\"p99_latency_ms\":412.7,\"saturation\":0.61,\"health\":\"ok\",\"triggers\":["
                    + "{\"id\":\"RB-001\",\"metric\":\"error_rate\",\"threshold\":\"> 2%\",\"value\":0.42,\"breached\":false},"
                    + "{\"id\":\"RB-002\",\"metric\":\"p99_latency_ms\",\"threshold\":\"> 500ms\",\"value\":412.7,"
                    + "\"breached\":false}]}";
    private static final String GATE = "{\"criterion\":\"DEP-002\",\"title\":\"All tests pass in staging\","
            + "\"check\":\"junit\",\"met\":true,\"blocking\":true,\"evidence\":{\"file\":\"build/test-results/test/"
            + "TEST-dev.gantry.api.OrdersTest.xml\",\"tests\":1843,\"failures\":0,\"errors\":0,\"skipped\":12},"
            + "\"summary\":\"1843 tests, 0 failures, 12 skipped: pass rate 100.0% (at least 100%)\"}";
    private static final String USAGE = "usage: StoreAppendBench [--events 20000] [--rounds 5] [--warmup 5000]"
            + " [--durability power-cut,kill] [--threads 1,4] [--batch 1]";

    private record Options(
            int events,
            int rounds,
            int warmup,
            List<Durability> durabilities,
            List<Integer> threads,
            List<Integer> batches) {}

    private record Setup(Durability durability, int threads, int batch) {}

    private record Row(Setup setup, double median, double lowest, double highest, double p50Micros, double p99Micros) {}

    private StoreAppendBench() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("StoreAppendBench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "payloads: sample %d bytes, gate %d bytes; %d events per round, %d rounds after %d warm-up events%n",
                SAMPLE.getBytes(StandardCharsets.UTF_8).length,
                GATE.getBytes(StandardCharsets.UTF_8).length,
                options.events(),
                options.rounds(),
                options.warmup());
        String format = "%-10s %7s %5s %10s %10s %10s %12s %12s%n";
        System.out.printf(
                Locale.ROOT,
                format,
                "durability",
                "threads",
                "batch",
                "median/s",
                "lowest/s",
                "highest/s",
                "call p50 us",
                "call p99 us");
        List<Row> rows = new ArrayList<>();
        for (Durability durability : options.durabilities()) {
            for (int threads : options.threads()) {
                for (int batch : options.batches()) {
                    Row row = measure(options, new Setup(durability, threads, batch));
                    rows.add(row);
                    System.out.printf(
                            Locale.ROOT,
                            format,
                            name(durability),
                            threads,
                            batch,
                            whole(row.median()),
                            whole(row.lowest()),
                            whole(row.highest()),
                            whole(row.p50Micros()),
                            whole(row.p99Micros()));
                }
            }
        }
        for (Row row : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "%s, %d thread(s), batch %d: %.0f events/s (goal >= %.0f: %s)%n",
                    name(row.setup().durability()),
                    row.setup().threads(),
                    row.setup().batch(),
                    row.median(),
                    GOAL,
                    row.median() >= GOAL ? "met" : "MISSED");
        }
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static Options parse(String[] args) {
        int events = 20000, rounds = 5, warmup = 5000;
        List<Durability> durabilities = List.of(Durability.POWER_CUT, Durability.KILL);
        List<Integer> threads = List.of(1, 4);
        List<Integer> batches = List.of(1);
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--events" -> events = positive(option, value);
                case "--rounds" -> rounds = positive(option, value);
                case "--warmup" -> warmup = positive(option, value);
                case "--durability" -> durabilities = list(value, StoreAppendBench::durability);
                case "--threads" -> threads = list(value, v -> positive(option, v));
                case "--batch" -> batches = list(value, v -> positive(option, v));
                default -> throw new IllegalArgumentException("unknown argument " + option);
            }
        }
        return new Options(events, rounds, warmup, durabilities, threads, batches);
    }

    private static <T> List<T> list(String value, Function<String, T> parse) {
        return Arrays.stream(value.split(",")).map(String::strip).map(parse).toList();
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException(option + " needs positive whole numbers, got \"" + value + "\"");
    }

    private static Durability durability(String value) {
        return Arrays.stream(Durability.values())
                .filter(d -> name(d).equals(value))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("--durability takes power-cut or kill, got \"" + value + "\""));
    }

    private static String name(Durability durability) {
        return durability.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Row measure(Options options, Setup setup) throws Exception {
        Path dir = Files.createTempDirectory("gantry-store-bench");
        ExecutorService pool = Executors.newFixedThreadPool(setup.threads());
        try (H2Store store = H2Store.open(dir, setup.durability())) {
            round(store, pool, setup, options.warmup());
            double[] rates = new double[options.rounds()];
            List<Long> calls = new ArrayList<>();
            for (int r = 0; r < options.rounds(); r++) {
                long began = System.nanoTime();
                calls.addAll(round(store, pool, setup, options.events()));
                rates[r] = options.events() / ((System.nanoTime() - began) / 1e9);
            }
            long expected = options.warmup() + (long) options.rounds() * options.events();
            long stored = store.events(RELEASE, null).size();
            if (stored != expected) {
                throw new IllegalStateException("the store holds " + stored + " events, expected " + expected);
            }
            Arrays.sort(rates);
            calls.sort(Comparator.naturalOrder());
            return new Row(
                    setup,
                    rates[rates.length / 2],
                    rates[0],
                    rates[rates.length - 1],
                    calls.get(calls.size() / 2) / 1e3,
                    calls.get((int) Math.ceil(calls.size() * 0.99) - 1) / 1e3);
        } finally {
            pool.shutdownNow();
            delete(dir);
        }
    }

    /** Appends {@code events} events from threads started together; returns the time each call took. */
    private static List<Long> round(H2Store store, ExecutorService pool, Setup setup, int events) throws Exception {
        CyclicBarrier start = new CyclicBarrier(setup.threads());
        List<Future<List<Long>>> writers = new ArrayList<>();
        for (int t = 0; t < setup.threads(); t++) {
            int first = t * events / setup.threads();
            int end = (t + 1) * events / setup.threads();
            writers.add(pool.submit(() -> {
                start.await();
                List<Long> nanos = new ArrayList<>();
                for (int i = first; i < end; i += setup.batch()) {
                    nanos.add(append(store, i, Math.min(end, i + setup.batch())));
                }
                return nanos;
            }));
        }
        List<Long> nanos = new ArrayList<>();
        for (Future<List<Long>> writer : writers) {
            nanos.addAll(writer.get());
        }
        return nanos;
    }

    /** Appends events {@code from} to {@code to} (excluded), in one call; returns the time it took. */
    private static long append(H2Store store, int from, int to) throws StoreException {
        List<NewEvent> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            boolean sample = i % 2 == 0;
            batch.add(new NewEvent(
                    BASE.plusMillis(i), RELEASE, "prod", sample ? "sample" : "gate", "", sample ? SAMPLE : GATE));
        }
        long began = System.nanoTime();
        List<Event> stored = batch.size() == 1 ? List.of(store.append(batch.get(0))) : store.appendAll(batch);
        long took = System.nanoTime() - began;
        if (stored.size() != batch.size()) {
            throw new IllegalStateException("appended " + batch.size() + " events, got " + stored.size() + " back");
        }
        return took;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
