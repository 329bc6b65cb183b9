package dev.gantry.gate.checks;

import dev.gantry.gate.CheckContext;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.testing.GitFixture;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * The context the command, http and ci-status checks see in tests: release 1.4.0 tagged v1.4.0 into production (unless told),
 * from a real git repository at the root (made empty when the test has none yet) and a fixed clock.
 */
final class RemoteChecksContext {

    /**
     * The release commit. These checks only send it elsewhere (to a program, in an API path), so it is fixed
     * rather than taken from the repository, which keeps the evidence the tests compare readable.
     */
    static final String COMMIT = "abc1234def5678901234567890abcdef12345678";

    private final Path root;
    private String environment = "production";
    private Map<String, String> variables = Map.of();

    private RemoteChecksContext(Path root) {
        this.root = root;
    }

    static RemoteChecksContext in(Path root) {
        return new RemoteChecksContext(root);
    }

    RemoteChecksContext environment(String name) {
        environment = name;
        return this;
    }

    /** The process environment the check sees, where tokens are read from. */
    RemoteChecksContext variables(Map<String, String> values) {
        variables = values;
        return this;
    }

    CheckContext build() {
        if (!Files.exists(root.resolve(".git"))) GitFixture.init(root);
        return new CheckContext(
                root,
                GitRepository.open(root),
                Plan.DEFAULTS,
                environment,
                Version.parse("1.4.0"),
                "v1.4.0",
                Optional.empty(),
                COMMIT,
                ReleaseType.MINOR,
                false,
                Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC),
                null,
                variables);
    }
}
