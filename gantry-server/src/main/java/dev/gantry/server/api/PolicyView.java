package dev.gantry.server.api;

import java.time.Instant;

/**
 * A project's policy as the API shows it: the document as written, its name, its SHA-256, and who set it when.
 *
 * @param warnings what the policy names that the project's plan (at the clone's HEAD) has no such thing as: an
 *     environment, or a role nobody in its people holds; a mistyped name protects nothing
 */
public record PolicyView(
        String project,
        String name,
        String hash,
        String setBy,
        Instant setAt,
        String document,
        java.util.List<String> warnings) {

    public PolicyView {
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
    }
}
