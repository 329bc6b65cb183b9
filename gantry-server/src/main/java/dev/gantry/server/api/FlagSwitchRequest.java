package dev.gantry.server.api;

/**
 * Turns a flag on or off in an environment; who does it is the person of the caller's token or session.
 *
 * @param on true to turn it on, false to turn it off; required
 * @param reason why, for the record; required
 */
public record FlagSwitchRequest(String environment, Boolean on, String reason) {}
