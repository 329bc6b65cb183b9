package dev.gantry.server.api;

import java.util.List;

/**
 * Starts a release of a commit into an environment, run by the server; the person is the token's.
 *
 * @param ref the commit released: a full hash as a checkout has it, or a branch or tag of the server's clone
 * @param strategy all-at-once, rolling, blue-green or canary; null for the plan's, else the release type's
 * @param overrides criteria of the gate let pass, with {@code reason}; empty for none
 */
public record ReleaseRequest(String ref, String environment, String strategy, List<String> overrides, String reason) {}
