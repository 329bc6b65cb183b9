package dev.gantry.flags.sdk.client;

import dev.gantry.flags.sdk.json.JsonLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link FlagClient} reaches its server and where it keeps state; made by {@link FlagClientBuilder}.
 *
 * @param url the client API's base, as Unleash SDKs take it ({@code https://flags.example.com/api}), without a
 *     trailing slash
 * @param staleAfter failed refreshes in a row after which listeners hear the state is stale
 * @param streamIdleTimeout how long an open stream may send nothing, not even a comment, before it is taken for dead
 * @param metricsInterval how often the usage counts are sent to {@code POST /client/metrics}; zero when they are
 *     neither counted nor sent
 * @param limits bounds on a document from the server: its size (bytes of an answer or an event) and nesting depth
 */
public record FlagClientOptions(
        String url,
        String apiToken,
        String appName,
        String instanceId,
        String connectionId,
        Optional<String> environment,
        Duration refreshInterval,
        int staleAfter,
        Optional<Path> stateFile,
        Optional<Path> bootstrapFile,
        Optional<String> bootstrap,
        boolean streaming,
        Duration reconnectInitial,
        Duration reconnectMax,
        Duration streamIdleTimeout,
        Duration requestTimeout,
        Duration metricsInterval,
        JsonLimits limits) {

    /** What the client says it is in {@code UNLEASH-SDK} and its registration. */
    public static final String SDK_VERSION = "gantry-flags-sdk:" + version();

    public FlagClientOptions {
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refresh interval must be positive, got " + refreshInterval);
        }
        if (metricsInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "metrics interval must be positive, or zero to send no metrics, got " + metricsInterval);
        }
        if (staleAfter < 1) {
            throw new IllegalArgumentException("staleAfter must be at least 1, got " + staleAfter);
        }
    }

    /** Everything but the token, which is never printed. */
    @Override
    public String toString() {
        return "FlagClientOptions[url=" + url + ", appName=" + appName + ", instanceId=" + instanceId
                + ", environment=" + environment.orElse("(none)") + ", refreshInterval=" + refreshInterval
                + ", streaming=" + streaming + ", metricsInterval=" + metricsInterval + ", stateFile="
                + stateFile.map(Path::toString).orElse("(none)") + "]";
    }

    /** Whether the client counts evaluations and sends them to {@code POST /client/metrics}. */
    public boolean metricsEnabled() {
        return !metricsInterval.isZero();
    }

    private static String version() {
        String v = FlagClientOptions.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
