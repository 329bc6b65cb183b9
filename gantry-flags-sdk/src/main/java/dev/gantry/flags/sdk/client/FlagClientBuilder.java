package dev.gantry.flags.sdk.client;

import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.json.JsonLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/** Collects a {@link FlagClient}'s settings; {@link #build()} checks them and returns the client, not yet started. */
public final class FlagClientBuilder {

    private final URI url;
    private String apiToken;
    private String appName;
    private String instanceId;
    private String environment;
    private Duration refreshInterval = Duration.ofSeconds(15);
    private int staleAfter = 3;
    private Path stateFile;
    private Path bootstrapFile;
    private String bootstrap;
    private boolean streaming = true;
    private Duration reconnectInitial = Duration.ofSeconds(1);
    private Duration reconnectMax = Duration.ofSeconds(60);
    private Duration streamIdleTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration metricsInterval = Duration.ofSeconds(60);
    private HttpClient httpClient;
    private ScheduledExecutorService executor;
    private JsonLimits limits = JsonLimits.DEFAULT;
    private EvaluatorOptions evaluatorOptions;

    FlagClientBuilder(URI url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    /** The token sent in {@code Authorization}, as Unleash's client tokens are. */
    public FlagClientBuilder apiToken(String token) {
        this.apiToken = token;
        return this;
    }

    public FlagClientBuilder appName(String name) {
        this.appName = name;
        return this;
    }

    /** This process among the application's instances; a random id when not given. */
    public FlagClientBuilder instanceId(String id) {
        this.instanceId = id;
        return this;
    }

    /** The environment a context gets when it names none. */
    public FlagClientBuilder environment(String name) {
        this.environment = name;
        return this;
    }

    /** How often to poll when not streaming; 15 seconds unless set. */
    public FlagClientBuilder refreshInterval(Duration interval) {
        this.refreshInterval = interval;
        return this;
    }

    /** Failed refreshes in a row before listeners hear the state is stale; 3 unless set. */
    public FlagClientBuilder staleAfter(int refreshes) {
        this.staleAfter = refreshes;
        return this;
    }

    /** Where to keep the last known state, read at start when the server does not answer. */
    public FlagClientBuilder stateFile(Path file) {
        this.stateFile = file;
        return this;
    }

    /** A state document to start from when there is no last known state. */
    public FlagClientBuilder bootstrapFile(Path file) {
        this.bootstrapFile = file;
        return this;
    }

    public FlagClientBuilder bootstrap(String document) {
        this.bootstrap = document;
        return this;
    }

    /** Whether to follow {@code /client/streaming}; on unless set. Off: poll only. */
    public FlagClientBuilder streaming(boolean on) {
        this.streaming = on;
        return this;
    }

    /** The wait before the first reconnection of a dropped stream, doubled at each failure up to {@code max}. */
    public FlagClientBuilder reconnectBackoff(Duration initial, Duration max) {
        this.reconnectInitial = initial;
        this.reconnectMax = max;
        return this;
    }

    /**
     * How long an open stream may send nothing before the client drops it and reconnects; 60 seconds unless set, as
     * Unleash's Java client waits for its server's heartbeats.
     */
    public FlagClientBuilder streamIdleTimeout(Duration timeout) {
        this.streamIdleTimeout = timeout;
        return this;
    }

    public FlagClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /**
     * How often to send usage metrics (how many evaluations of each flag were on and off, and each variant given) to
     * {@code POST /client/metrics}, as Unleash's SDKs do; 60 seconds unless set, and once more on {@link
     * FlagClient#close()}. {@link Duration#ZERO} turns metrics off: nothing is counted or sent.
     */
    public FlagClientBuilder metricsInterval(Duration interval) {
        this.metricsInterval = interval;
        return this;
    }

    /** Neither counts evaluations nor sends metrics; the same as {@code metricsInterval(Duration.ZERO)}. */
    public FlagClientBuilder disableMetrics() {
        return metricsInterval(Duration.ZERO);
    }

    /** Size and depth limits on documents from the server; {@link JsonLimits#DEFAULT} unless set. */
    public FlagClientBuilder limits(JsonLimits limits) {
        this.limits = limits;
        return this;
    }

    /**
     * The HTTP client to reach the server with, for a proxy, TLS settings or an executor of the application's own, or
     * to share one among many flag clients; the flag client never closes it. Unless set, each flag client makes its own,
     * whose connect timeout is the request timeout.
     */
    public FlagClientBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "httpClient");
        return this;
    }

    /**
     * Where the client runs its requests, its timers and what it tells listeners, shared with other flag clients: each
     * client's tasks still run one at a time and in order. The application owns it; closing the client leaves it
     * running. Give it threads enough for the requests that may wait on a slow server at once; it cannot be the
     * {@link #httpClient}'s own executor, which completes those requests. Unless set, each client
     * has a thread of its own. With both this and a shared {@link #httpClient}, many clients in one process hold no
     * thread each: a streamed change is read on the HTTP client's threads and applied here.
     */
    public FlagClientBuilder executor(ScheduledExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** The clock, host name and random source evaluations use; the system's unless set. */
    public FlagClientBuilder evaluatorOptions(EvaluatorOptions options) {
        this.evaluatorOptions = options;
        return this;
    }

    public FlagClient build() {
        if (appName == null || appName.isBlank()) {
            throw new IllegalArgumentException("appName is required: the server names the application by it");
        }
        if (apiToken == null || apiToken.isBlank()) {
            throw new IllegalArgumentException("apiToken is required: the client API refuses requests without one");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must be http or https, got \"" + url + "\"");
        }
        if (httpClient != null && executor != null && httpClient.executor().orElse(null) == executor) {
            // Its tasks wait on requests that only that executor's threads would complete: all of them could wait.
            throw new IllegalArgumentException("the HTTP client's executor cannot also be the flag client's executor:"
                    + " the client's tasks wait on requests that the HTTP client's executor completes");
        }
        if (bootstrap != null && bootstrapFile != null) {
            throw new IllegalArgumentException("give a bootstrap document or a bootstrap file, not both");
        }
        FlagClientOptions options = new FlagClientOptions(
                url.toString(),
                apiToken,
                appName,
                instanceId != null ? instanceId : appName + "-" + UUID.randomUUID(),
                UUID.randomUUID().toString(),
                Optional.ofNullable(environment),
                refreshInterval,
                staleAfter,
                Optional.ofNullable(stateFile),
                Optional.ofNullable(bootstrapFile),
                Optional.ofNullable(bootstrap),
                streaming,
                reconnectInitial,
                reconnectMax,
                streamIdleTimeout,
                requestTimeout,
                metricsInterval,
                limits);
        return new FlagClient(
                options,
                evaluatorOptions != null ? evaluatorOptions : EvaluatorOptions.system(),
                Optional.ofNullable(httpClient),
                Optional.ofNullable(executor));
    }
}
