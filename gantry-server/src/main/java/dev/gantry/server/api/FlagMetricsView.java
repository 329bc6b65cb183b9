package dev.gantry.server.api;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often one application asked for one flag in an environment, summed over every metrics bucket its SDKs sent.
 *
 * @param yes how often the flag was on
 * @param no how often it was off
 * @param variants how often each variant was given, by name
 * @param from the start of the earliest bucket counted
 * @param to the stop of the latest bucket counted
 */
public record FlagMetricsView(
        String environment,
        String flag,
        String appName,
        long yes,
        long no,
        Map<String, Long> variants,
        Instant from,
        Instant to) {

    public FlagMetricsView {
        variants = java.util.Collections.unmodifiableMap(new TreeMap<>(variants));
    }
}
