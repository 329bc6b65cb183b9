package dev.gantry.server.api;

/**
 * Asks the server to take the version released in an environment back, as {@code gantry rollback} does; the person
 * is the token's.
 *
 * @param to the version to bring back; null for the one released before the version live now
 * @param reason why: the incident; required
 */
public record RollbackRequest(String environment, String to, String reason) {}
