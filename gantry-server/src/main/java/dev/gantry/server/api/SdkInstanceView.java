package dev.gantry.server.api;

import java.time.Instant;
import java.util.List;

/**
 * An SDK instance that registered to read an environment's flags, as it last said of itself.
 *
 * @param interval the interval its registration gave, as it gave it (Unleash's SDKs mean milliseconds, some
 *     seconds)
 * @param tokenId the id of the token it registered with
 * @param firstSeen when it first registered
 * @param lastSeen when it last registered
 */
public record SdkInstanceView(
        String environment,
        String appName,
        String instanceId,
        String sdkVersion,
        List<String> strategies,
        Instant started,
        long interval,
        String tokenId,
        Instant firstSeen,
        Instant lastSeen) {

    public SdkInstanceView {
        strategies = List.copyOf(strategies);
    }
}
