package dev.gantry.server.api;

/** A run the server started, or took up, and now runs. */
public record RunStarted(String runId, String environment, String version, String commit) {}
