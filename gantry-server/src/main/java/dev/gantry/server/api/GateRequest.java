package dev.gantry.server.api;

import java.util.List;

/**
 * Asks for the gate of a commit in an environment, as {@code gantry gate} evaluates it, with the evidence uploaded
 * for the commit.
 *
 * @param ref the commit, branch or tag; resolved to a full commit hash by the server's clone
 * @param overrides criteria to let pass unmet, by id; needs a reason, and a person with an overriding role
 */
public record GateRequest(String ref, String environment, List<String> overrides, String reason) {}
