package dev.gantry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dashboards on one server while a canary runs: {@code --clients} streams of server-sent events follow the run,
 * a few readers ask for the project's status and history without a pause, and the server's memory is read every
 * 10 seconds (the bytes it keeps after a full collection, every minute). Measured: the time from a sample stored by the run to its arrival in each stream (p50, p99), the
 * reads' latency (p50, p99), and the server's resident memory over the run. Each server is a {@code gantry serve}
 * started by a launcher, so that a baseline build runs the same load in the same run, side by side.
 *
 * <pre>
 * java -cp gantry-bench/target/classes dev.gantry.bench.StreamLoadBench --launcher ./gantry \
 *     [--baseline OLDER/gantry] [--clients 1000] [--seconds 600] [--baseline-seconds N]
 * </pre>
 */
public final class StreamLoadBench {

    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    private static final Pattern RUN_ID = Pattern.compile("\"runId\":\"([^\"]+)\"");
    private static final int READERS = 4;

    private record Result(
            String name,
            int connected,
            long samplesExpected,
            long samplesDelivered,
            List<Long> sampleMillis,
            List<Long> readMillis,
            int readErrors,
            List<Long> rssKb,
            List<Long> heapKb) {}

    public static void main(String[] args) throws Exception {
        String launcher = "./gantry";
        String baseline = null;
        int clients = 1000;
        int seconds = 600;
        Integer baselineSeconds = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--launcher" -> launcher = args[++i];
                case "--baseline" -> baseline = args[++i];
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--baseline-seconds" -> baselineSeconds = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; expected --launcher, --baseline, --clients or --seconds");
            }
        }
        List<Result> results = new ArrayList<>();
        results.add(run("this build", launcher, clients, seconds));
        if (baseline != null)
            results.add(run("baseline", baseline, clients, baselineSeconds == null ? seconds : baselineSeconds));
        print(results, clients, seconds, baselineSeconds == null ? seconds : baselineSeconds);
    }

    private static Result run(String name, String launcher, int clients, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("gantry-stream-bench-");
        try (ServedGantry server = ServedGantry.start(launcher, dir, repository(dir.resolve("shop")))) {
            String base = server.base();
            HttpClient http = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(4))
                    .build();
            String token = server.operatorToken(http);
            String runId = ServedGantry.match(
                    RUN_ID,
                    server.post(
                            http,
                            "/api/projects/shop/releases",
                            token,
                            "{\"ref\":\"main\",\"environment\":\"staging\",\"overrides\":[]}"));
            System.err.printf(Locale.ROOT, "%s: run %s started; opening %d streams%n", name, runId, clients);

            ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
            AtomicInteger connected = new AtomicInteger();
            HttpRequest stream = HttpRequest.newBuilder(
                            URI.create(base + "/api/projects/shop/runs/" + runId + "/stream"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .build();
            List<CompletableFuture<?>> streams = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                streams.add(http.sendAsync(
                        stream, HttpResponse.BodyHandlers.fromLineSubscriber(new StreamReader(arrivals, connected))));
            }
            Instant until = Instant.now().plusSeconds(seconds);
            AtomicBoolean reading = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Long> readMillis = new ConcurrentLinkedQueue<>();
            AtomicInteger readErrors = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                String path = i % 2 == 0 ? "/api/projects/shop/status" : "/api/projects/shop/history";
                Thread reader = new Thread(() -> read(http, base + path, token, reading, readMillis, readErrors));
                reader.start();
                readers.add(reader);
            }
            List<Long> rss = new ArrayList<>();
            List<Long> heap = new ArrayList<>();
            for (int tick = 0; Instant.now().isBefore(until); tick++) {
                rss.add(rssKb(server.pid()));
                if (tick % 6 == 0) heap.add(heapAfterGcKb(server.pid()));
                Thread.sleep(Math.min(
                        10_000,
                        Math.max(1, Duration.between(Instant.now(), until).toMillis())));
            }
            rss.add(rssKb(server.pid()));
            heap.add(heapAfterGcKb(server.pid()));
            reading.set(false);
            for (Thread reader : readers) reader.join();
            // Samples stored up to a second before the end had time to arrive: those are counted.
            Instant cutoff = Instant.now().minusSeconds(1);
            long stored = samplesStored(http, server, runId, token, cutoff);
            List<Arrival> counted =
                    arrivals.stream().filter(a -> !a.at().isAfter(cutoff)).toList();
            return new Result(
                    name,
                    connected.get(),
                    stored * clients,
                    counted.size(),
                    // A sample stored before its stream opened came with the backlog: no latency of the stream's.
                    counted.stream()
                            .filter(a -> !a.at().isBefore(a.opened()))
                            .map(a -> Duration.between(a.at(), a.arrived()).toMillis())
                            .toList(),
                    new ArrayList<>(readMillis),
                    readErrors.get(),
                    rss,
                    heap);
        }
    }

    /** A sample arriving in a stream: when it was stored, when it arrived, when its stream opened. */
    private record Arrival(Instant at, Instant arrived, Instant opened) {}

    /** Reads one stream's lines, noting each sample's arrival. */
    private static final class StreamReader implements Flow.Subscriber<String> {
        private final ConcurrentLinkedQueue<Arrival> arrivals;
        private final AtomicInteger connected;
        private Instant opened;
        private boolean sample;

        StreamReader(ConcurrentLinkedQueue<Arrival> arrivals, AtomicInteger connected) {
            this.arrivals = arrivals;
            this.connected = connected;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            opened = Instant.now();
            connected.incrementAndGet();
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event: ")) sample = line.equals("event: run.sampled");
            if (sample && line.startsWith("data: ")) {
                Instant now = Instant.now();
                Matcher at = AT.matcher(line);
                if (at.find()) arrivals.add(new Arrival(Instant.parse(at.group(1)), now, opened));
            }
        }

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
    }

    private static void read(
            HttpClient http,
            String uri,
            String token,
            AtomicBoolean reading,
            ConcurrentLinkedQueue<Long> millis,
            AtomicInteger errors) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build();
        while (reading.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) errors.incrementAndGet();
                else millis.add((System.nanoTime() - start) / 1_000_000);
            } catch (IOException | InterruptedException e) {
                errors.incrementAndGet();
            }
        }
    }

    /** The samples the run stored up to {@code until}: what each stream should have received. */
    private static long samplesStored(HttpClient http, ServedGantry server, String runId, String token, Instant until)
            throws Exception {
        String events = server.get(http, "/api/projects/shop/runs/" + runId + "/events?after=0", token);
        long count = 0;
        Matcher kinds = Pattern.compile("\"at\":\"([^\"]+)\",\"kind\":\"run\\.sampled\"")
                .matcher(events);
        while (kinds.find()) if (!Instant.parse(kinds.group(1)).isAfter(until)) count++;
        return count;
    }

    /**
     * The bytes of the objects the server keeps: a class histogram counts only the objects alive after the full
     * collection it makes first. Not the heap's "used" read after a separate collection: a busy server allocates
     * tens of MiB between the two calls, and those were counted as kept.
     */
    private static long heapAfterGcKb(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$")
                .matcher(run(jcmd, Long.toString(pid), "GC.class_histogram"));
        return total.find() ? Long.parseLong(total.group(1)) / 1024 : -1;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }

    /** A shop whose canary samples two triggers every second and is watched for far longer than the benchmark. */
    private static Path repository(Path repo) throws Exception {
        ServedGantry.scripts(repo, "0.001");
        Files.writeString(
                repo.resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                    metrics: { type: command, run: ./metric.sh }
                rollback:
                  - { id: DEP-020, metric: error_rate, threshold: "> 2%" }
                  - { id: DEP-021, metric: p99_latency, threshold: "> 500ms" }
                rollout:
                  canary: { steps: [10%, 100%], watch: 2h, cadence: 1s }
                """);
        ServedGantry.git(repo, "add", "-A");
        ServedGantry.git(repo, "commit", "-q", "-m", "feat: the shop");
        return repo;
    }

    private static void print(List<Result> results, int clients, int seconds, int baselineSeconds) {
        System.out.printf(
                Locale.ROOT,
                "%d streams following one canary for %d s (a baseline for %d s), %d readers without a pause%n%n",
                clients,
                seconds,
                baselineSeconds,
                READERS);
        System.out.printf(Locale.ROOT, "%-38s", "");
        for (Result r : results) System.out.printf(Locale.ROOT, "%18s", r.name());
        System.out.println();
        row(results, "streams connected", r -> Long.toString(r.connected()));
        row(results, "samples delivered / expected", r -> r.samplesDelivered() + "/" + r.samplesExpected());
        row(results, "sample to stream p50 (ms)", r -> Long.toString(ServedGantry.percentile(r.sampleMillis(), 0.50)));
        row(results, "sample to stream p99 (ms)", r -> Long.toString(ServedGantry.percentile(r.sampleMillis(), 0.99)));
        row(results, "reads answered", r -> Integer.toString(r.readMillis().size()));
        row(results, "reads failed", r -> Integer.toString(r.readErrors()));
        row(results, "read p50 (ms)", r -> Long.toString(ServedGantry.percentile(r.readMillis(), 0.50)));
        row(results, "read p99 (ms)", r -> Long.toString(ServedGantry.percentile(r.readMillis(), 0.99)));
        row(
                results,
                "heap kept after full GC, first (MiB)",
                r -> Long.toString(r.heapKb().get(0) / 1024));
        row(
                results,
                "heap kept after full GC, last (MiB)",
                r -> Long.toString(r.heapKb().get(r.heapKb().size() - 1) / 1024));
        row(results, "heap kept after full GC, most (MiB)", r -> Long.toString(Collections.max(r.heapKb()) / 1024));
        row(results, "server RSS first (MiB)", r -> Long.toString(r.rssKb().get(0) / 1024));
        row(
                results,
                "server RSS last (MiB)",
                r -> Long.toString(r.rssKb().get(r.rssKb().size() - 1) / 1024));
        row(results, "server RSS highest (MiB)", r -> Long.toString(Collections.max(r.rssKb()) / 1024));
        // The readings in order show whether what the server keeps levels off, which first and last cannot.
        for (Result r : results) {
            System.out.println(r.name() + ", heap kept after full GC each minute (MiB): "
                    + String.join(
                            " ",
                            r.heapKb().stream()
                                    .map(kb -> Long.toString(kb / 1024))
                                    .toList()));
        }
    }

    private static void row(List<Result> results, String label, java.util.function.Function<Result, String> value) {
        System.out.printf(Locale.ROOT, "%-38s", label);
        for (Result r : results) System.out.printf(Locale.ROOT, "%18s", value.apply(r));
        System.out.println();
    }
}
