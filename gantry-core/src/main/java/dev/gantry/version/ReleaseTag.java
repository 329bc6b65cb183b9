package dev.gantry.version;

/** A tag that names a release: its name, the version it names and the commit it points at. */
public record ReleaseTag(String name, Version version, String commit) {}
