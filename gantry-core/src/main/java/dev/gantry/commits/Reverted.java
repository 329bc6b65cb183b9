package dev.gantry.commits;

import java.util.Optional;

/**
 * A commit that a revert names: by its hash, from git's {@code This reverts commit ...} line, else by its header,
 * from {@code Revert "..."} or {@code revert: ...}.
 */
public record Reverted(Optional<String> hash, Optional<String> header) {

    public Reverted {
        if (hash.isEmpty() && header.isEmpty()) {
            throw new IllegalArgumentException("a reverted commit is named by its hash or its header");
        }
    }

    /** The hash decides when there is one: a header may be shared by several commits. */
    public boolean matches(Commit candidate) {
        if (hash.isPresent()) return candidate.hash().startsWith(hash.get());
        return header.get().equals(candidate.message().header());
    }

    boolean sameTarget(Reverted other) {
        return hash.isPresent() ? hash.equals(other.hash()) : other.hash().isEmpty() && header.equals(other.header());
    }
}
