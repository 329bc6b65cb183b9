package dev.gantry.local.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repository {@code gantry demo} releases: a small service with a Conventional Commits history, its
 * {@code gantry.yaml} (staging, then production behind it, both on the local target with the local metric source)
 * and {@code service.sh}, the command that starts one instance of a version. Version 1.2.0 carries a fault: its
 * instances answer 8% of requests with a 500.
 */
public final class DemoRepository {

    /** The share of requests that the faulty version fails. */
    public static final double FAULT_RATE = 0.08;

    public static final String FAULTY_VERSION = "1.2.0";

    private final Path dir;

    private DemoRepository(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Makes the repository in {@code dir} (empty or absent) with its history up to 1.0.0 and the commits of 1.1.0.
     *
     * @param java the java program that runs the demo service
     * @param classPath where the demo service's classes are
     * @param stagingPort the port of staging's proxy
     * @param productionPort the port of production's proxy
     */
    public static DemoRepository create(Path dir, String java, String classPath, int stagingPort, int productionPort)
            throws IOException {
        return create(dir, java, classPath, stagingPort, productionPort, Optional.empty());
    }

    /**
     * As {@link #create(Path, String, String, int, int)}, with the environments' state files and logs in {@code
     * state}/ENVIRONMENT: one folder for every run, also when each runs in a checkout of its own (on a server).
     */
    public static DemoRepository create(
            Path dir, String java, String classPath, int stagingPort, int productionPort, Optional<Path> state)
            throws IOException {
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(dir + " is not empty: the demo makes its repository in an empty folder");
            }
        }
        DemoRepository repo = new DemoRepository(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", "Demo Team");
        repo.git("config", "user.email", "team@demo.example");
        repo.git("config", "commit.gpgsign", "false");
        repo.git("config", "tag.gpgsign", "false");
        Path service = dir.resolve("service.sh");
        Files.writeString(service, serviceScript(java, classPath), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(service, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("gantry.yaml"), plan(stagingPort, productionPort, state), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".gitignore"), ".gantry/state/\n.gantry/local/\n", StandardCharsets.UTF_8);
        repo.commit("feat: the demo service answers with its version", "README.md", "# Demo service\n");
        repo.git("tag", "v1.0.0");
        repo.commit("feat(api): list the items of a user\n\nRefs: #101", "items.txt", "list\n");
        repo.commit("fix(api): keep the order of items stable\n\nRefs: #104", "items.txt", "list, ordered\n");
        return repo;
    }

    /** Adds the commits of 1.2.0, the release with the fault. */
    public void addFaultyRelease() throws IOException {
        commit("feat(api): search the items of a user\n\nRefs: #108", "search.txt", "search\n");
    }

    private void commit(String message, String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
        git("add", "-A");
        git("commit", "-q", "--no-verify", "-m", message);
    }

    /** Starts one instance: the faulty version fails its share of requests, the others none. */
    private static String serviceScript(String java, String classPath) {
        return """
                #!/bin/sh
                # Starts one instance of the demo service: ./service.sh VERSION PORT
                fail_rate=0
                [ "$1" = "%s" ] && fail_rate=%s
                exec '%s' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp '%s' \\
                    dev.gantry.local.demo.DemoService --version "$1" --port "$2" --fail-rate "$fail_rate"
                """
                .formatted(FAULTY_VERSION, FAULT_RATE, java.replace("'", ""), classPath.replace("'", ""));
    }

    private static String plan(int stagingPort, int productionPort, Optional<Path> state) {
        // YAML's single quotes take any text; a quote is written twice.
        String dir = state.map(s -> ", dir: '" + s.toAbsolutePath().toString().replace("'", "''") + "/{environment}'")
                .orElse("");
        return """
                # The demo's release plan: staging first, production only after staging released the version.
                environments:
                  - name: staging
                    target: { type: local, run: [./service.sh, "{version}", "{port}"], instances: 1, port: %d%s }
                    metrics: { type: local%s }
                  - name: production
                    requires: [staging]
                    target: { type: local, run: [./service.sh, "{version}", "{port}"], instances: 2, port: %d%s }
                    metrics: { type: local%s }
                rollback:
                  - { id: DEP-020, metric: error_rate, query: 'error_rate{version="{version}"}', threshold: "> 2%%",
                      for: 2m, severity: hard, notification: ["#releases"] }
                  - { id: DEP-021, metric: p99_latency, query: 'p99_latency{version="{version}"}',
                      threshold: "> 500ms", for: 2m, severity: hard }
                validation:
                  - { id: DEP-030, title: Staging answers, environments: [staging],
                      check: { type: http, url: "http://127.0.0.1:%d/health", jsonPath: $.status, expect: ok } }
                  - { id: DEP-031, title: Production answers, environments: [production],
                      check: { type: http, url: "http://127.0.0.1:%d/health", jsonPath: $.status, expect: ok } }
                rollout:
                  canary: { watch: 5m, cadence: 1m }
                  tagIn: [production]
                """
                .formatted(stagingPort, dir, dir, productionPort, dir, dir, stagingPort, productionPort);
    }

    private void git(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = read(process.getInputStream());
        try {
            if (process.waitFor() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while git ran", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
