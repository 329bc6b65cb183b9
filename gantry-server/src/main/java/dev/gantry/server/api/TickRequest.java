package dev.gantry.server.api;

/**
 * Ticks a manual item of a release's checklist; the person who did it is the person of the token that sends it.
 *
 * @param ref the release's commit: a full hash as a checkout has it, or a branch or tag of the server's clone
 * @param environment the checklist's environment; null for the plan's production (else its last environment)
 * @param item the item's key, as the checklist shows it
 * @param note what was done, for the record; null for none
 * @param component the plan's component, when it has several; null otherwise
 */
public record TickRequest(String ref, String environment, String item, String note, String component) {}
