package dev.gantry.server.api;

/** What {@code GET /api/health} answers, without a token: that the server runs, and which version. */
public record Health(String status, String version) {}
