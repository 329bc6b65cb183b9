package dev.gantry.server.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replaces a flag's strategies, variants and dependencies in an environment; on or off stays as it is.
 *
 * @param settings one feature object as in Unleash's {@code features} list, or a client features document holding
 *     that one feature and the segments its strategies name
 */
public record FlagSettingsRequest(String environment, String reason, JsonNode settings) {

    /**
     * What the server's errors in {@code settings} name as their place, such as {@code settings: dependencies[0]...}:
     * a client that sent a file's settings may name the file there instead.
     */
    public static final String PLACE = "settings";
}
