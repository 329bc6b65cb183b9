package dev.gantry.gate;

import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.policy.Policy;
import dev.gantry.store.ReleaseLog;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a check may look at: the repository, the plan, the release being gated, the clock and the store.
 *
 * @param root the repository's top folder: relative paths in checks start here
 * @param tag the tag the release will get, such as v1.4.0
 * @param previousTag the tag of the release before, if any
 * @param commit the full hash of the release commit
 * @param breaking whether the release has breaking changes
 * @param variables the process environment (tokens are read from here), given so tests can set it
 * @param policy the server's policy for the project, which the plan may add to but not weaken; none on the command
 *     line
 * @param uploads the files uploaded for the commit that lie under {@code root}, and which of them a check read
 */
public record CheckContext(
        Path root,
        GitRepository git,
        Plan plan,
        String environment,
        Version version,
        String tag,
        Optional<String> previousTag,
        String commit,
        ReleaseType releaseType,
        boolean breaking,
        Clock clock,
        ReleaseLog log,
        Map<String, String> variables,
        Optional<Policy> policy,
        Uploads uploads) {

    public CheckContext {
        variables = Map.copyOf(variables);
        policy = policy == null ? Optional.empty() : policy;
        if (uploads == null) uploads = Uploads.none();
    }

    /** A context without a server policy, over a folder with no uploaded evidence, such as the working tree. */
    public CheckContext(
            Path root,
            GitRepository git,
            Plan plan,
            String environment,
            Version version,
            String tag,
            Optional<String> previousTag,
            String commit,
            ReleaseType releaseType,
            boolean breaking,
            Clock clock,
            ReleaseLog log,
            Map<String, String> variables) {
        this(
                root,
                git,
                plan,
                environment,
                version,
                tag,
                previousTag,
                commit,
                releaseType,
                breaking,
                clock,
                log,
                variables,
                Optional.empty());
    }

    /** A context with a server policy, over a folder with no uploaded evidence. */
    public CheckContext(
            Path root,
            GitRepository git,
            Plan plan,
            String environment,
            Version version,
            String tag,
            Optional<String> previousTag,
            String commit,
            ReleaseType releaseType,
            boolean breaking,
            Clock clock,
            ReleaseLog log,
            Map<String, String> variables,
            Optional<Policy> policy) {
        this(
                root,
                git,
                plan,
                environment,
                version,
                tag,
                previousTag,
                commit,
                releaseType,
                breaking,
                clock,
                log,
                variables,
                policy,
                Uploads.none());
    }

    /** This context with {@code uploads} instead. */
    public CheckContext with(Uploads uploads) {
        return new CheckContext(
                root,
                git,
                plan,
                environment,
                version,
                tag,
                previousTag,
                commit,
                releaseType,
                breaking,
                clock,
                log,
                variables,
                policy,
                uploads);
    }

    /** {@code text} with {version}, {tag}, {environment} and {commit} replaced by this release's values. */
    public String expand(String text) {
        return text.replace("{version}", version.toString())
                .replace("{tag}", tag)
                .replace("{environment}", environment)
                .replace("{commit}", commit);
    }

    /** A path of the plan, relative to the repository's top folder. */
    public Path resolve(String path) {
        return root.resolve(expand(path)).normalize();
    }
}
