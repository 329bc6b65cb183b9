package dev.gantry.server.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replaces a flag's strategies, variants and dependencies in an environment; on or off stays as it is.
 *
 * @param settings one feature object as in Unleash's {@code features} list, or a client features document holding
 *     that one feature and the segments its strategies name
 */
public record FlagSettingsRequest(String environment, String reason, JsonNode settings) {}
