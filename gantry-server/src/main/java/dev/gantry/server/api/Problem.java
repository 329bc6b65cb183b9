package dev.gantry.server.api;

/** What an error is, where the command line acts on it beyond saying it: its exit code. */
public enum Problem {
    /** No release-worthy commits since the last release: the command line's exit 3. */
    NOTHING_TO_RELEASE
}
