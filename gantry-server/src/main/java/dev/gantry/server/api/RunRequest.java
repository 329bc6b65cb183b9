package dev.gantry.server.api;

/**
 * A person's word to a run the server runs: a decision on a paused run, or an abort.
 *
 * @param proceed for a decision: go on (true) or roll back (false); ignored for an abort
 */
public record RunRequest(boolean proceed, String reason) {}
