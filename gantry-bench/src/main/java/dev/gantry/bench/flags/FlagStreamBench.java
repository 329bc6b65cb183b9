package dev.gantry.bench.flags;

import dev.gantry.bench.ServedGantry;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.client.FlagClient;
import dev.gantry.flags.sdk.client.FlagClientBuilder;
import dev.gantry.flags.sdk.client.FlagListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags served by a {@code gantry serve} to Gantry's SDK over server-sent events, measured from outside the server.
 *
 * <ul>
 *   <li>Changes: {@code --clients} streaming clients follow one environment; a flag is switched {@code --changes}
 *       times through the API, and each client's listener notes when it sees the new state. Measured: the time from
 *       the API call to each listener (p50, p99, most), and how many of the expected arrivals came. Twice: with
 *       each client holding threads of its own, as by default, then with all of them sharing one HTTP client and one
 *       executor, as a process holding many clients would.
 *   <li>Rollbacks: {@code --rollbacks} times, a fresh server runs a canary whose trigger fires at its first sample;
 *       the rollback turns the release's flag off, and a streaming client notes when it sees the flag off. Measured:
 *       from the trigger's breach, as the run recorded it, to the flag off in the client.
 * </ul>
 *
 * <pre>
 * java -cp gantry-bench/target/flags-bench.jar dev.gantry.bench.flags.FlagStreamBench --launcher ./gantry \
 *     [--clients 1000] [--changes 50] [--rollbacks 5]
 * </pre>
 */
public final class FlagStreamBench {

    private static final Pattern RUN_ID = Pattern.compile("\"runId\":\"([^\"]+)\"");
    private static final Pattern BREACHED = Pattern.compile("\"at\":\"([^\"]+)\",\"kind\":\"run\\.breached\"");
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");
    private static final Pattern ENDED = Pattern.compile("\"kind\":\"run\\.ended\"");
    private static final String FLAG = "new-checkout";
    private static final FlagContext CONTEXT = FlagContext.ofUser("42");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FlagStreamBench() {}

    public static void main(String[] args) throws Exception {
        String launcher = "./gantry";
        int clients = 1000;
        int changes = 50;
        int rollbacks = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--launcher" -> launcher = args[++i];
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--rollbacks" -> rollbacks = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; expected --launcher, --clients, --changes or --rollbacks");
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        if (changes > 0) changes(http, launcher, clients, changes, false);
        if (changes > 0) changes(http, launcher, clients, changes, true);
        if (changes > 0) rawChanges(http, launcher, clients, changes);
        if (rollbacks > 0) rollbacks(http, launcher, rollbacks);
    }

    // ---- a flag change to many clients

    /**
     * @param shared whether the clients share one HTTP client and one executor of two threads each, as a process holding
     *     many clients would, instead of each holding threads of its own
     */
    private static void changes(HttpClient http, String launcher, int clients, int changes, boolean shared)
            throws Exception {
        ExecutorService reading = Executors.newFixedThreadPool(2);
        ScheduledExecutorService tasks = Executors.newScheduledThreadPool(2);
        HttpClient sharedHttp = HttpClient.newBuilder().executor(reading).build();
        try (ServedGantry server = serve(launcher, "watch: 1h", "0.001")) {
            String token = server.operatorToken(http);
            List<FlagClient> sdks = new ArrayList<>();
            AtomicReference<Round> round = new AtomicReference<>();
            try {
                for (int i = 0; i < clients; i++) {
                    FlagClientBuilder builder = builder(server, token, "bench-" + i);
                    FlagClient sdk = (shared ? builder.httpClient(sharedHttp).executor(tasks) : builder).build();
                    sdk.addListener(new FlagListener() {
                        @Override
                        public void onChanged(Set<String> flags) {
                            Round now = round.get();
                            if (now != null && flags.contains(FLAG) && sdk.isEnabled(FLAG, CONTEXT) == now.on())
                                now.arrived(sdk);
                        }
                    });
                    sdks.add(sdk.start());
                }
                for (FlagClient sdk : sdks) {
                    if (!sdk.awaitReady(WAIT)) throw new IllegalStateException("a client never got the state");
                }
                System.err.printf(Locale.ROOT, "%d clients ready; switching %s %d times%n", clients, FLAG, changes);
                List<Long> micros = new ArrayList<>();
                List<Long> answered = new ArrayList<>();
                int arrived = 0;
                for (int c = 0; c < changes; c++) {
                    boolean on = c % 2 == 0;
                    Round r = new Round(on, clients);
                    round.set(r);
                    r.start = System.nanoTime();
                    switchFlag(server, http, token, on, "change " + c);
                    answered.add((System.nanoTime() - r.start) / 1000);
                    r.all.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    round.set(null);
                    arrived += r.micros.size();
                    micros.addAll(r.micros);
                }
                System.out.printf(
                        Locale.ROOT,
                        "A flag change to %d streaming SDK clients, %s (%d changes through the API)%n"
                                + "  arrivals: %d of %d%n  API call to listener: p50 %.1f ms, p99 %.1f ms, most %.1f"
                                + " ms%n  API call answered: p50 %.1f ms, p99 %.1f ms%n",
                        clients,
                        shared
                                ? "sharing one HTTP client and an executor of 2 threads"
                                : "each with threads of its own",
                        changes,
                        arrived,
                        (long) clients * changes,
                        ServedGantry.percentile(micros, 0.50) / 1000.0,
                        ServedGantry.percentile(micros, 0.99) / 1000.0,
                        (micros.isEmpty() ? -1 : Collections.max(micros)) / 1000.0,
                        ServedGantry.percentile(answered, 0.50) / 1000.0,
                        ServedGantry.percentile(answered, 0.99) / 1000.0);
            } finally {
                sdks.forEach(FlagClient::close);
            }
        } finally {
            tasks.shutdownNow();
            reading.shutdownNow();
        }
    }

    /**
     * The same changes to as many streams read by one thread that only notes each event's arrival: the server's part
     * of the time, without the SDK clients' own threads and parsing.
     */
    private static void rawChanges(HttpClient http, String launcher, int clients, int changes) throws Exception {
        try (ServedGantry server = serve(launcher, "watch: 1h", "0.001")) {
            String token = server.operatorToken(http);
            AtomicReference<Round> round = new AtomicReference<>();
            CountDownLatch connected = new CountDownLatch(clients);
            Integer[] readers = new Integer[clients];
            for (int i = 0; i < clients; i++) readers[i] = i;
            PlainStreams streams = new PlainStreams(
                    URI.create(server.base() + "/api/unleash/shop/production/client/streaming"),
                    token,
                    clients,
                    reader -> connected.countDown(),
                    reader -> {
                        Round now = round.get();
                        if (now != null) now.arrived(readers[reader]);
                    });
            if (!connected.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                throw new IllegalStateException("streams not connected: " + connected.getCount() + " missing");
            List<Long> micros = new ArrayList<>();
            int arrived = 0;
            for (int c = 0; c < changes; c++) {
                Round r = new Round(c % 2 == 0, clients);
                round.set(r);
                r.start = System.nanoTime();
                switchFlag(server, http, token, r.on(), "change " + c);
                r.all.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                round.set(null);
                arrived += r.micros.size();
                micros.addAll(r.micros);
            }
            streams.close();
            System.out.printf(
                    Locale.ROOT,
                    "The same changes to %d streams read by one thread over plain sockets%n"
                            + "  arrivals: %d of %d%n  API call to the event read: p50 %.1f ms, p99 %.1f ms, most %.1f"
                            + " ms%n",
                    clients,
                    arrived,
                    (long) clients * changes,
                    ServedGantry.percentile(micros, 0.50) / 1000.0,
                    ServedGantry.percentile(micros, 0.99) / 1000.0,
                    (micros.isEmpty() ? -1 : Collections.max(micros)) / 1000.0);
        }
    }

    /** One change: which state the clients should come to, and when each did. */
    private static final class Round {
        private final boolean on;
        private final CountDownLatch all;
        private final Set<Object> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        private volatile long start;

        Round(boolean on, int clients) {
            this.on = on;
            this.all = new CountDownLatch(clients);
        }

        boolean on() {
            return on;
        }

        void arrived(Object sdk) {
            long at = System.nanoTime();
            if (seen.add(sdk)) {
                micros.add((at - start) / 1000);
                all.countDown();
            }
        }
    }

    // ---- a fired trigger to the flag off in a client

    private static void rollbacks(HttpClient http, String launcher, int rollbacks) throws Exception {
        List<Long> toClient = new ArrayList<>();
        List<Long> toStore = new ArrayList<>();
        for (int r = 0; r < rollbacks; r++) {
            try (ServedGantry server = serve(launcher, "watch: 10m", "0.09")) {
                String token = server.operatorToken(http);
                switchFlag(server, http, token, true, "the release's flag is on before its canary");
                AtomicReference<Instant> off = new AtomicReference<>();
                CountDownLatch seenOff = new CountDownLatch(1);
                try (FlagClient sdk = client(server, token, "bench-rollback")) {
                    sdk.addListener(new FlagListener() {
                        @Override
                        public void onChanged(Set<String> flags) {
                            if (flags.contains(FLAG) && !sdk.isEnabled(FLAG, CONTEXT) && off.get() == null) {
                                off.set(Instant.now());
                                seenOff.countDown();
                            }
                        }
                    });
                    sdk.start();
                    if (!sdk.awaitReady(WAIT) || !sdk.isEnabled(FLAG, CONTEXT))
                        throw new IllegalStateException("the client never saw the flag on");
                    String runId = ServedGantry.match(
                            RUN_ID,
                            server.post(
                                    http,
                                    "/api/projects/shop/releases",
                                    token,
                                    "{\"ref\":\"main\",\"environment\":\"production\",\"overrides\":[]}"));
                    if (!seenOff.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                        throw new IllegalStateException(
                                "the client never saw the flag off; server log:\n" + server.log());
                    String events = until(server, http, token, runId, ENDED);
                    Instant breached = Instant.parse(ServedGantry.match(BREACHED, events));
                    Instant stored = Instant.parse(ServedGantry.match(
                            Pattern.compile("\"kind\":\"run\\.flag-turned-off\".*?\"offAt\":\"([^\"]+)\""), events));
                    toClient.add(Duration.between(breached, off.get()).toMillis());
                    toStore.add(Duration.between(breached, stored).toMillis());
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "A fired trigger to its release's flag off (%d rollbacks, one streaming SDK client)%n"
                        + "  breach to flag off in the store: p50 %d ms, most %d ms%n"
                        + "  breach to flag off in the client: p50 %d ms, most %d ms (each: %s)%n",
                rollbacks,
                ServedGantry.percentile(toStore, 0.50),
                Collections.max(toStore),
                ServedGantry.percentile(toClient, 0.50),
                Collections.max(toClient),
                toClient);
    }

    // ---- the server

    private static FlagClient client(ServedGantry server, String token, String instance) {
        return builder(server, token, instance).build();
    }

    private static FlagClientBuilder builder(ServedGantry server, String token, String instance) {
        return FlagClient.builder(URI.create(server.base() + "/api/unleash/shop/production"))
                .apiToken(token)
                .appName("bench")
                .instanceId(instance)
                .streaming(true)
                // What is measured is the stream: usage metrics would add a POST per client and minute to the server.
                .disableMetrics();
    }

    /** A {@code gantry serve} on a fresh repository of its own. */
    private static ServedGantry serve(String launcher, String watch, String errorRate) throws Exception {
        Path dir = Files.createTempDirectory("gantry-flag-bench-");
        return ServedGantry.start(launcher, dir, repository(dir.resolve("shop"), watch, errorRate));
    }

    private static void switchFlag(ServedGantry server, HttpClient http, String token, boolean on, String reason)
            throws Exception {
        server.post(
                http,
                "/api/projects/shop/flags/" + FLAG + "/switch",
                token,
                "{\"environment\":\"production\",\"on\":" + on + ",\"reason\":\"" + reason + "\"}");
    }

    /** The run's events, asked for again until one matches {@code end}. */
    private static String until(ServedGantry server, HttpClient http, String token, String runId, Pattern end)
            throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        StringBuilder events = new StringBuilder();
        long after = 0;
        while (Instant.now().isBefore(deadline)) {
            String next =
                    server.get(http, "/api/projects/shop/runs/" + runId + "/events?after=" + after + "&wait=5", token);
            events.append(next);
            Matcher sequence = SEQUENCE.matcher(next);
            while (sequence.find()) after = Math.max(after, Long.parseLong(sequence.group(1)));
            if (end.matcher(events).find()) return events.toString();
        }
        throw new IllegalStateException("run " + runId + " did not end; server log:\n" + server.log());
    }

    /**
     * A shop at 1.0.0 whose next commit is 1.1.0 with the release flag {@value #FLAG}; its canary's error rate is
     * {@code errorRate} at every sample, against a trigger at 2%.
     */
    private static Path repository(Path repo, String watch, String errorRate) throws Exception {
        ServedGantry.scripts(repo, errorRate);
        ServedGantry.git(repo, "commit", "-q", "--allow-empty", "-m", "feat: the shop");
        ServedGantry.git(repo, "tag", "v1.0.0");
        Files.writeString(
                repo.resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                environments:
                  - name: production
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                    metrics: { type: command, run: ./metric.sh }
                rollback:
                  - { id: DEP-020, metric: error_rate, threshold: "> 2%%" }
                rollout:
                  canary: { steps: [10%%, 100%%], %s, cadence: 1s }
                flags:
                  - { name: %s, type: release, owner: Mark Liu, release: 1.1.0 }
                """
                        .formatted(watch, FLAG));
        ServedGantry.git(repo, "add", "-A");
        ServedGantry.git(repo, "commit", "-q", "-m", "feat: a new checkout behind a flag");
        return repo;
    }
}
