package dev.gantry.flags.sdk.client;

import dev.gantry.flags.sdk.Evaluation;
import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.FlagEvaluator;
import dev.gantry.flags.sdk.Reason;
import dev.gantry.flags.sdk.VariantResult;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.DeltaEvent;
import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.FlagState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Flags for an application, kept current from a server that speaks Unleash's client API. Create one per application
 * with {@link #builder}, {@link #start()} it, evaluate as often as needed, {@link #close()} it at the end.
 *
 * <p>It starts from the last known state on disk (or the bootstrap), so the application works while the server is
 * down; follows {@code /client/streaming} and falls back to polling {@code /client/features} with ETag when the
 * stream is refused or drops, reconnecting with backoff. A bad answer never reaches the application: the client keeps
 * its last good state and tells listeners.
 *
 * <p>As Unleash's SDKs, it counts how many evaluations of each flag of its state were on and off, and each variant
 * given (one count per call of {@link #isEnabled}, {@link #variant} or {@link #evaluate}; a flag its state does not
 * have is not counted), and sends the counts to {@code POST /client/metrics} every metrics interval and once more on
 * {@link #close()}. A bucket the server does not take is reported to listeners and sent with the next one; see {@link
 * FlagClientBuilder#metricsInterval}.
 *
 * <p>Thread-safe. State changes and listener calls happen on one thread of the client's own, in order; only a failure
 * to send the last metrics is told on the thread that calls {@link #close()}.
 */
public final class FlagClient implements AutoCloseable {

    /** A state, its evaluator, and the usage counter of each of its flags (none when metrics are off). */
    private record Snapshot(FlagState state, FlagEvaluator evaluator, Map<String, UsageCounts.FlagCounter> counters) {}

    private final FlagClientOptions options;
    private final EvaluatorOptions evaluatorOptions;
    private final UnleashHttp http;
    private final List<FlagListener> listeners = new CopyOnWriteArrayList<>();
    private final Object telling = new Object();
    private final ClientTasks events;
    /** Null when metrics are off. */
    private final UsageMetrics metrics;

    private final CountDownLatch firstState = new CountDownLatch(1);
    private volatile Snapshot current;
    private volatile boolean closed;
    private FeatureStream stream;
    private boolean started;

    // Touched only in the client's tasks (ClientTasks), one at a time.
    private Optional<String> etag = Optional.empty();
    private int failedRefreshes;
    private boolean failing;
    private boolean staleReported;
    private boolean streamLive;

    FlagClient(FlagClientOptions options, EvaluatorOptions evaluatorOptions) {
        this(options, evaluatorOptions, Optional.empty(), Optional.empty());
    }

    /**
     * @param httpClient the application's HTTP client, else one of the client's own
     * @param scheduler where the client's tasks run, shared with other clients, else a thread of the client's own
     */
    FlagClient(
            FlagClientOptions options,
            EvaluatorOptions evaluatorOptions,
            Optional<HttpClient> httpClient,
            Optional<ScheduledExecutorService> scheduler) {
        this.options = options;
        this.evaluatorOptions = evaluatorOptions;
        this.http = new UnleashHttp(options, httpClient.orElseGet(() -> HttpClient.newBuilder()
                .connectTimeout(options.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()));
        this.metrics = options.metricsEnabled() ? new UsageMetrics(http, evaluatorOptions.clock()) : null;
        this.events = scheduler.map(ClientTasks::on).orElseGet(() -> ClientTasks.ownThread(options.appName()));
    }

    /** A builder for a client of the server whose client API is at {@code url} ({@code https://host/api}). */
    public static FlagClientBuilder builder(URI url) {
        return new FlagClientBuilder(url);
    }

    public FlagClientOptions options() {
        return options;
    }

    /** Listeners added before {@link #start()} hear everything, including the first ready. */
    public FlagClient addListener(FlagListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Loads the last known state or the bootstrap (so flags evaluate as soon as this returns, when there is one),
     * then registers with the server and follows it in the background.
     */
    public synchronized FlagClient start() {
        if (started) {
            throw new IllegalStateException("this flag client is already started");
        }
        started = true;
        call(this::loadLocal);
        events.execute(guarded(this::register));
        if (options.streaming()) {
            stream = new FeatureStream(this, http, options, events);
            stream.start();
            events.every(options.streamIdleTimeout().dividedBy(4), guarded(stream::dropIfIdle));
        } else {
            events.execute(guarded(this::poll));
        }
        events.every(options.refreshInterval(), guarded(this::refresh));
        if (metrics != null) {
            events.every(options.metricsInterval(), guarded(this::flushMetrics));
        }
        return this;
    }

    public boolean isEnabled(String flag, FlagContext context) {
        Snapshot s = current;
        if (s == null) {
            return false;
        }
        boolean enabled = s.evaluator().isEnabled(flag, withDefaults(context));
        UsageCounts.FlagCounter counter = s.counters().get(flag);
        if (counter != null) {
            counter.count(enabled);
        }
        return enabled;
    }

    public VariantResult variant(String flag, FlagContext context) {
        return evaluate(flag, context).variant();
    }

    /** Whether the flag is on, its variant, and why; {@link Reason.NoState} before any state. */
    public Evaluation evaluate(String flag, FlagContext context) {
        Snapshot s = current;
        if (s == null) {
            return new Evaluation(flag, false, VariantResult.DISABLED, new Reason.NoState());
        }
        Evaluation evaluation = s.evaluator().evaluate(flag, withDefaults(context));
        UsageCounts.FlagCounter counter = s.counters().get(flag);
        if (counter != null) {
            counter.count(evaluation.enabled(), evaluation.variant().name());
        }
        return evaluation;
    }

    /**
     * Waits up to {@code timeout} for a first state, for an application that would rather not start with every flag
     * off when there is no last known state or bootstrap; true when there is one.
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return firstState.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the client has a state to evaluate. */
    public boolean ready() {
        return current != null;
    }

    /** The state flags are evaluated against, when there is one. */
    public Optional<FlagState> state() {
        Snapshot s = current;
        return s == null ? Optional.empty() : Optional.of(s.state());
    }

    /**
     * Stops following the server, after sending the usage counts not yet sent (waiting up to the request timeout for
     * the server to take them; a failure is told to listeners on this thread). Evaluations go on against the last
     * state, uncounted.
     */
    @Override
    public void close() {
        closed = true;
        if (stream != null) {
            stream.stop();
        }
        if (metrics != null) {
            // Before the client's tasks are stopped, so a bucket it is sending is not cut off and sent again here.
            metrics.close().ifPresent(this::report);
        }
        events.close();
    }

    /** Sends the usage counts now, as the metrics interval does; what tests call instead of waiting. */
    void flushMetrics() {
        if (metrics != null) {
            metrics.send().ifPresent(this::report);
        }
    }

    boolean closed() {
        return closed;
    }

    private FlagContext withDefaults(FlagContext context) {
        FlagContext c =
                options.environment().map(context::withDefaultEnvironment).orElse(context);
        return c.appName() != null
                ? c
                : new FlagContext(
                        c.userId(),
                        c.sessionId(),
                        c.remoteAddress(),
                        c.environment(),
                        options.appName(),
                        c.currentTime(),
                        c.properties());
    }

    private void loadLocal() {
        if (options.stateFile().isPresent()) {
            StateFile file = new StateFile(options.stateFile().get());
            if (file.exists()) {
                try {
                    install(StateReader.read(file.read(), options.limits()), StateSource.DISK);
                    return;
                } catch (IOException | InvalidJson e) {
                    report(new ClientError(
                            ClientError.Kind.STATE_FILE, "last known state " + file.path() + ": " + e.getMessage()));
                }
            }
        }
        try {
            if (options.bootstrapFile().isPresent()) {
                install(
                        StateReader.read(
                                Files.readString(options.bootstrapFile().get()), options.limits()),
                        StateSource.BOOTSTRAP);
            } else if (options.bootstrap().isPresent()) {
                install(StateReader.read(options.bootstrap().get(), options.limits()), StateSource.BOOTSTRAP);
            }
        } catch (IOException | InvalidJson e) {
            report(new ClientError(
                    ClientError.Kind.STATE_FILE,
                    "bootstrap " + options.bootstrapFile().map(p -> p + ": ").orElse("") + e.getMessage()));
        }
    }

    private void register() {
        try {
            http.register(evaluatorOptions.clock().instant());
        } catch (ServerFailure f) {
            report(f.error());
            // Listeners heard an error: the server's next good answer tells them it is over.
            failing = true;
        }
    }

    private void refresh() {
        if (!streamLive) {
            poll();
        }
    }

    private void poll() {
        try {
            UnleashHttp.Fetch fetch = http.features(etag);
            if (fetch instanceof UnleashHttp.Fetched fetched) {
                FlagState state = StateReader.read(fetched.body(), options.limits());
                // On disk before listeners hear of it, so what they see survives a restart.
                save(state);
                etag = fetched.etag();
                install(state, StateSource.SERVER);
            }
            answered();
        } catch (ServerFailure f) {
            missed(f.error());
        } catch (InvalidJson e) {
            missed(new ClientError(
                    ClientError.Kind.INVALID_ANSWER,
                    "GET /client/features at " + options.url() + ": " + e.getMessage()));
        }
    }

    /** In the client's tasks: applies the deltas of one streamed event. */
    void streamed(String eventType, List<DeltaEvent> deltas) {
        Snapshot s = current;
        FlagState state = "unleash-connected".equals(eventType) || s == null
                ? new FlagState(
                        2,
                        List.of(),
                        List.of(),
                        s == null ? Optional.empty() : s.state().environment())
                : s.state();
        for (DeltaEvent delta : deltas) {
            state = delta.apply(state);
        }
        save(state);
        // The stream's state has no ETag of its own: the next poll, if the stream drops, fetches it whole.
        etag = Optional.empty();
        streamLive = true;
        install(state, StateSource.SERVER);
        answered();
    }

    /** In the client's tasks: the stream is down; poll now, and until it is back. */
    void streamLost(ClientError error) {
        streamLive = false;
        report(error);
        failing = true;
        poll();
    }

    /**
     * The task, reporting what it throws instead of letting it escape: an exception would end a periodic task's
     * schedule, and with it every later refresh.
     */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                report(new ClientError(ClientError.Kind.UNEXPECTED, String.valueOf(e)));
            }
        };
    }

    /** Runs {@code task} in the client's tasks and waits for it; returns at once when the client is closed. */
    void call(Runnable task) {
        try {
            events.submit(guarded(task)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // Closed: nothing is left to tell (a task's own failure is reported by guarded).
        }
    }

    private void install(FlagState state, StateSource source) {
        Snapshot before = current;
        current = new Snapshot(state, FlagEvaluator.of(state, evaluatorOptions), counters(state));
        if (before == null) {
            firstState.countDown();
            failing = false;
            tell(l -> l.onReady(source));
            return;
        }
        Set<String> changed = Changes.between(before.state(), state);
        if (!changed.isEmpty()) {
            tell(l -> l.onChanged(changed));
        }
    }

    /** The counter of each of the state's flags: looked up, never made, when an evaluation counts. */
    private Map<String, UsageCounts.FlagCounter> counters(FlagState state) {
        if (metrics == null) {
            return Map.of();
        }
        Map<String, UsageCounts.FlagCounter> counters = new HashMap<>();
        for (Feature feature : state.features()) {
            UsageCounts.FlagCounter counter = metrics.counts().counter(feature.name());
            if (counter != null) {
                counters.put(feature.name(), counter);
            }
        }
        return counters;
    }

    private void save(FlagState state) {
        if (options.stateFile().isEmpty()) {
            return;
        }
        StateFile file = new StateFile(options.stateFile().get());
        try {
            file.write(StateWriter.write(state));
        } catch (IOException e) {
            report(new ClientError(ClientError.Kind.STATE_FILE, "last known state " + file.path() + ": " + e));
        }
    }

    private void answered() {
        failedRefreshes = 0;
        staleReported = false;
        if (failing) {
            failing = false;
            tell(l -> l.onReady(StateSource.SERVER));
        }
    }

    private void missed(ClientError error) {
        report(error);
        failing = true;
        failedRefreshes++;
        if (failedRefreshes >= options.staleAfter() && !staleReported) {
            staleReported = true;
            int missed = failedRefreshes;
            tell(l -> l.onStale(missed));
        }
    }

    void report(ClientError error) {
        tell(l -> l.onError(error));
    }

    private void tell(Consumer<FlagListener> call) {
        // One at a time, as listeners are promised, also when the closing thread reports the last metrics' failure.
        synchronized (telling) {
            for (FlagListener listener : listeners) {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    // A listener's failure is the application's own; the client goes on telling the others.
                }
            }
        }
    }
}
