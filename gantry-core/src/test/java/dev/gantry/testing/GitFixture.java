package dev.gantry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds real git repositories for tests, with fixed dates so that output is reproducible. */
public final class GitFixture {

    private final Path dir;
    private Instant clock = Instant.parse("2025-03-01T10:00:00Z");
    private int counter;

    private GitFixture(Path dir) {
        this.dir = dir;
    }

    public static GitFixture init(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        GitFixture fixture = new GitFixture(dir);
        fixture.git("init", "-q", "-b", "main");
        fixture.git("config", "user.name", "Test Author");
        fixture.git("config", "user.email", "author@example.com");
        fixture.git("config", "commit.gpgsign", "false");
        fixture.git("config", "tag.gpgsign", "false");
        return fixture;
    }

    public Path dir() {
        return dir;
    }

    /** Commits a change to a file of its own at the repository root. */
    public GitFixture commit(String message) {
        return commitIn("", message);
    }

    /** Commits a change to a new file under {@code path} (e.g. {@code services/api}). */
    public GitFixture commitIn(String path, String message) {
        try {
            Path folder = path.isEmpty() ? dir : dir.resolve(path);
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("change-" + (++counter) + ".txt"), message, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        git("add", "-A");
        git("commit", "-q", "--no-verify", "-m", message);
        return this;
    }

    public GitFixture tag(String name) {
        git("tag", name);
        return this;
    }

    public GitFixture annotatedTag(String name) {
        git("tag", "-a", name, "-m", "release " + name);
        return this;
    }

    public GitFixture branch(String name) {
        git("checkout", "-q", "-b", name);
        return this;
    }

    public GitFixture checkout(String name) {
        git("checkout", "-q", name);
        return this;
    }

    public GitFixture merge(String branch, String message) {
        git("merge", "-q", "--no-ff", "--no-verify", "-m", message, branch);
        return this;
    }

    /** git's own revert, with its {@code Revert "..."} message and {@code This reverts commit} line. */
    public GitFixture revertHead() {
        git("revert", "--no-edit", "HEAD");
        return this;
    }

    public String head() {
        return git("rev-parse", "HEAD").strip();
    }

    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        clock = clock.plusSeconds(60);
        Map<String, String> env = builder.environment();
        env.put("GIT_AUTHOR_DATE", clock.toString());
        env.put("GIT_COMMITTER_DATE", clock.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", dir.toString());
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
