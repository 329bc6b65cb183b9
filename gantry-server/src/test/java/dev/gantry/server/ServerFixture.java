package dev.gantry.server;

import dev.gantry.plan.Strategy;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.H2Store;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A server on loopback over a real repository with a plan, and runs recorded in its project's store. */
final class ServerFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    static final String PLAN =
            """
            environments:
              - { name: staging }
              - { name: production, requires: [staging] }
            """;

    final Path source;
    final Path data;
    final Time.Virtual clock = Time.virtual(T0);
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final GantryServer server;

    ServerFixture(Path dir) throws Exception {
        this(dir, dir.resolve("data"));
    }

    /** A server on {@code data}, which may hold what an earlier server left. */
    ServerFixture(Path dir, Path data) throws Exception {
        this(dir, data, java.util.Optional.empty());
    }

    /** A server whose people may also log in through the OpenID Connect provider {@code oidc}. */
    ServerFixture(Path dir, Path data, java.util.Optional<dev.gantry.server.auth.OidcSettings> oidc) throws Exception {
        this(dir, data, oidc, java.util.Optional.empty());
    }

    /** A server that browsers reach at {@code publicUrl}, such as through a TLS proxy. */
    ServerFixture(
            Path dir,
            Path data,
            java.util.Optional<dev.gantry.server.auth.OidcSettings> oidc,
            java.util.Optional<java.net.URI> publicUrl)
            throws Exception {
        this(dir, data, oidc, publicUrl, List.of());
    }

    /** A server that takes client addresses from {@code X-Forwarded-For} when the peer is in {@code trustedProxies}. */
    ServerFixture(
            Path dir,
            Path data,
            java.util.Optional<dev.gantry.server.auth.OidcSettings> oidc,
            java.util.Optional<java.net.URI> publicUrl,
            List<AddressRange> trustedProxies)
            throws Exception {
        this(dir, data, oidc, publicUrl, trustedProxies, PLAN);
    }

    /** A server over a project whose plan is {@code plan}. */
    ServerFixture(Path dir, String plan) throws Exception {
        this(dir, dir.resolve("data"), java.util.Optional.empty(), java.util.Optional.empty(), List.of(), plan);
    }

    private ServerFixture(
            Path dir,
            Path data,
            java.util.Optional<dev.gantry.server.auth.OidcSettings> oidc,
            java.util.Optional<java.net.URI> publicUrl,
            List<AddressRange> trustedProxies,
            String plan)
            throws Exception {
        source = dir.resolve("shop");
        GitFixture repo = GitFixture.init(source);
        Files.writeString(source.resolve("gantry.yaml"), plan);
        repo.git("add", "gantry.yaml");
        repo.commit("chore: the release plan");
        this.data = data;
        server = GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", source.toString())),
                        java.util.Optional.empty(),
                        ServerConfig.LEASE,
                        oidc,
                        publicUrl,
                        trustedProxies),
                clock,
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), clock));
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    String adminToken() throws Exception {
        return Files.readString(data.resolve(GantryServer.ADMIN_TOKEN_FILE)).strip();
    }

    /** The full hash of the project's last commit. */
    String head() throws Exception {
        Process git = new ProcessBuilder("git", "-C", source.toString(), "rev-parse", "HEAD").start();
        String hash = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (git.waitFor() != 0) throw new IllegalStateException("git rev-parse HEAD failed in " + source);
        return hash;
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** Records a canary that released in staging and one still watching its first step in production. */
    void recordRuns() throws Exception {
        recordRuns("c".repeat(40));
    }

    /** As {@link #recordRuns()}, of {@code commit}: a commit of the repository lets the run's page read its plan. */
    void recordRuns(String commit) throws Exception {
        try (H2Store store = H2Store.open(data.resolve("projects/shop/state"))) {
            RunLog log = new RunLog(store);
            String h = log.append(
                            "s-1",
                            "1.2.0",
                            "staging",
                            "Mark Liu",
                            T0,
                            new RunEvent.Started("s-1", "staging", "1.2.0", "1.1.0", commit, "Mark Liu"),
                            "")
                    .hash();
            h = log.append(
                            "s-1",
                            "1.2.0",
                            "staging",
                            "Mark Liu",
                            T0,
                            new RunEvent.StrategyChosen(Strategy.CANARY, Strategy.CANARY, "a minor release"),
                            h)
                    .hash();
            log.append(
                    "s-1",
                    "1.2.0",
                    "staging",
                    "Mark Liu",
                    T0.plusSeconds(600),
                    new RunEvent.Ended(Verdict.RELEASED, "every step watched without a breach", true),
                    h);
            h = log.append(
                            "p-1",
                            "1.2.0",
                            "production",
                            "Mark Liu",
                            T0.plusSeconds(900),
                            new RunEvent.Started("p-1", "production", "1.2.0", "1.1.0", commit, "Mark Liu"),
                            "")
                    .hash();
            h = log.append(
                            "p-1",
                            "1.2.0",
                            "production",
                            "Mark Liu",
                            T0.plusSeconds(900),
                            new RunEvent.StrategyChosen(Strategy.CANARY, Strategy.CANARY, "a minor release"),
                            h)
                    .hash();
            log.append(
                    "p-1",
                    "1.2.0",
                    "production",
                    "Mark Liu",
                    T0.plusSeconds(960),
                    new RunEvent.PhaseEntered(Phase.WATCH),
                    h);
        }
    }

    /** Notes a lesson in the production run {@link #recordRuns} left going: a new event for its followers. */
    void appendToRun() throws Exception {
        try (H2Store store = H2Store.open(data.resolve("projects/shop/state"))) {
            new RunLog(store)
                    .append(
                            "p-1",
                            "1.2.0",
                            "production",
                            "Mark Liu",
                            T0.plusSeconds(990),
                            new RunEvent.LessonNoted("the canary's dashboards load slowly", "Mark Liu"));
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
