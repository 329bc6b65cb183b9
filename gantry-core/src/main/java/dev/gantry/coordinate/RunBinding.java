package dev.gantry.coordinate;

/** A run and what it is bound to for good: its release's version and its commit. */
public record RunBinding(String runId, String environment, String version, String commit) {}
