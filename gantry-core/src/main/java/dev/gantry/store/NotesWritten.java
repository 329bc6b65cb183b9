package dev.gantry.store;

import java.time.Instant;

/** Release notes Gantry wrote to a file for a release, by whose command and when. */
public record NotesWritten(String version, String file, String person, Instant at) {}
