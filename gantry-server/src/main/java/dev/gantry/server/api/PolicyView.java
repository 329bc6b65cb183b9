package dev.gantry.server.api;

import java.time.Instant;

/**
 * A project's policy as the API shows it: the document as written, its name, its SHA-256, and who set it when.
 */
public record PolicyView(String project, String name, String hash, String setBy, Instant setAt, String document) {}
