package dev.gantry.server.api;

import java.time.Instant;
import java.util.List;

/**
 * The session of a person logged in to the pages, as {@code /api/whoami} shows it: never its cookie.
 *
 * @param expires when it ends unless used again before (12 hours idle, 7 days at most)
 * @param csrfToken what a request of the session that changes something carries in {@code X-CSRF-Token}; only a
 *     page of the server itself can read it here, as no other site may read the server's answers
 */
public record SessionInfo(String person, List<String> scopes, Instant created, Instant expires, String csrfToken) {}
