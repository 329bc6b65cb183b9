package dev.gantry.commits;

import java.time.Instant;
import java.util.List;

/** A commit as read from git, with its message already parsed. */
public record Commit(String hash, List<String> parents, Instant date, String author, ParsedMessage message) {

    public Commit {
        parents = List.copyOf(parents);
    }

    public static Commit of(String hash, List<String> parents, Instant date, String author, String rawMessage) {
        return new Commit(hash, parents, date, author, CommitParser.parse(rawMessage));
    }

    /** This commit with its message as a plan reads it; see {@link ParsedMessage#reading}. */
    public Commit reading(boolean squashBullets) {
        ParsedMessage read = message.reading(squashBullets);
        return read == message ? this : new Commit(hash, parents, date, author, read);
    }

    public String shortHash() {
        return hash.substring(0, Math.min(7, hash.length()));
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }
}
