package dev.gantry.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files uploaded for a commit as evidence for its gate (JUnit, SARIF, benchmark results...), with who uploaded them
 * and when. Only added to: a second upload of the same path for the same commit is kept beside the first, and the
 * newest one is the file's content from then on.
 */
public interface Evidence {

    /**
     * One uploaded file, as stored.
     *
     * @param commit the full 40-digit hash of the commit it was made from
     * @param path where it lies in the repository, checked by the caller (relative, no {@code ..})
     * @param size its length in bytes
     * @param sha256 the SHA-256 of its bytes, 64 lowercase hex digits
     * @param by the person of the token it was uploaded with
     * @param at when the server received it, to the microsecond
     */
    record Upload(String commit, String path, long size, String sha256, String by, Instant at) {

        private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public Upload {
            if (!COMMIT.matcher(commit).matches())
                throw new IllegalArgumentException("evidence belongs to a full 40-digit commit hash, got " + commit);
            if (path.isBlank()) throw new IllegalArgumentException("evidence needs its path in the repository");
            if (size < 0) throw new IllegalArgumentException("a file's size is not negative");
            if (!SHA256.matcher(sha256).matches())
                throw new IllegalArgumentException("a SHA-256 is 64 lowercase hex digits, got " + sha256);
            if (by.isBlank()) throw new IllegalArgumentException("evidence needs who uploaded it");
            at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as both databases keep it
        }
    }

    /**
     * Stores the bytes of {@code content}, which must be {@code upload.size()} long and hash to {@code
     * upload.sha256()}; returns once they are durable. The file may be read again should the call be retried.
     */
    void put(Upload upload, Path content) throws StoreException;

    /** The files of {@code commit}, the newest upload of each path, sorted by path. */
    List<Upload> of(String commit) throws StoreException;

    /**
     * Writes the bytes of {@code upload} (the newest upload of its commit and path with its hash) to {@code target},
     * replacing it.
     *
     * @return false when no such upload is stored
     */
    boolean copy(Upload upload, Path target) throws StoreException;

    /** The newest upload of {@code path} for {@code commit}, if any. */
    default Optional<Upload> newest(String commit, String path) throws StoreException {
        return of(commit).stream().filter(u -> u.path().equals(path)).findFirst();
    }
}
