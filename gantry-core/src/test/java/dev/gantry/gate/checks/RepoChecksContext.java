package dev.gantry.gate.checks;

import dev.gantry.gate.CheckContext;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * The context the file, git and window checks see in tests: a real repository, release 1.4.0 tagged v1.4.0,
 * the plan's defaults and a fixed clock, each changed where a test needs.
 */
final class RepoChecksContext {

    private final Path root;
    private Plan plan = Plan.DEFAULTS;
    private Instant now = Instant.parse("2026-11-20T10:00:00Z");
    private boolean breaking;
    private Optional<String> previousTag = Optional.empty();
    private String commit;

    private RepoChecksContext(Path root) {
        this.root = root;
    }

    /** A release from the repository at {@code root}, of its HEAD unless {@link #commit} says otherwise. */
    static RepoChecksContext in(Path root) {
        return new RepoChecksContext(root);
    }

    RepoChecksContext plan(Plan value) {
        plan = value;
        return this;
    }

    RepoChecksContext now(String instant) {
        now = Instant.parse(instant);
        return this;
    }

    RepoChecksContext breaking(boolean value) {
        breaking = value;
        return this;
    }

    RepoChecksContext previousTag(String tag) {
        previousTag = Optional.of(tag);
        return this;
    }

    RepoChecksContext commit(String hash) {
        commit = hash;
        return this;
    }

    CheckContext build() {
        GitRepository git = GitRepository.open(root);
        return new CheckContext(
                root,
                git,
                plan,
                "production",
                Version.parse("1.4.0"),
                "v1.4.0",
                previousTag,
                commit != null ? commit : git.resolve("HEAD"),
                breaking ? ReleaseType.MAJOR : ReleaseType.MINOR,
                breaking,
                Clock.fixed(now, ZoneOffset.UTC),
                null,
                Map.of());
    }
}
