package dev.gantry.notify;

import dev.gantry.version.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a channel is told about a run: what happened, to which version in which environment, and why.
 *
 * @param reason why, in one line: line breaks in the text given are joined with spaces
 * @param report where the run's report can be read, such as a path or a URL; empty when there is none
 */
public record Notification(
        NotificationKind kind,
        String runId,
        String environment,
        Version version,
        String commit,
        String reason,
        Instant at,
        Optional<String> report) {

    private static final int SHORT_COMMIT = 7;

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
        runId = text("runId", runId);
        environment = text("environment", environment);
        commit = text("commit", commit);
        reason = Objects.requireNonNull(reason, "reason").strip().replaceAll("\\s*\\R\\s*", " ");
        report = report == null ? Optional.empty() : report.map(String::strip).filter(r -> !r.isEmpty());
    }

    private static String text(String name, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is missing");
        return value.strip();
    }

    /** The commit's first seven characters, as people read it. */
    public String shortCommit() {
        return commit.length() <= SHORT_COMMIT ? commit : commit.substring(0, SHORT_COMMIT);
    }
}
