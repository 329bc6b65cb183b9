package dev.gantry.gate.checks;

import dev.gantry.gate.CheckContext;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The context the command, http and ci-status checks see in tests: release 1.4.0 tagged v1.4.0 into production,
 * of a fixed commit, from a folder that need not be a git repository.
 */
final class RemoteChecksContext {

    static final String COMMIT = "abc1234def5678901234567890abcdef12345678";

    private final Path root;
    private GitRepository git;
    private Map<String, String> variables = Map.of();

    private RemoteChecksContext(Path root) {
        this.root = root;
    }

    static RemoteChecksContext in(Path root) {
        return new RemoteChecksContext(root);
    }

    /** The git repository at the root, for checks that read it. */
    RemoteChecksContext withGit() {
        git = GitRepository.open(root);
        return this;
    }

    RemoteChecksContext variables(Map<String, String> values) {
        variables = values;
        return this;
    }

    CheckContext build() {
        return new CheckContext(
                root,
                git,
                Plan.DEFAULTS,
                "production",
                Version.parse("1.4.0"),
                "v1.4.0",
                Optional.empty(),
                COMMIT,
                ReleaseType.MINOR,
                false,
                Clock.systemUTC(),
                null,
                variables);
    }
}
