package dev.gantry.server.api;

/**
 * A rollback the server runs: its run, and the version (with its commit) it takes the environment from and to.
 */
public record RollbackStarted(
        String runId, String environment, String fromVersion, String fromCommit, String toVersion, String toCommit) {}
