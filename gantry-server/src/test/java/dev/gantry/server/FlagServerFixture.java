package dev.gantry.server;

import dev.gantry.rollout.Time;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A server on loopback over a repository whose plan declares flags, one with markup in its description. */
final class FlagServerFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final String DESCRIPTION = "Checkout <script>alert('description')</script><img src=x onerror=alert('d')>";
    static final String PLAN =
            """
            environments:
              - { name: staging }
              - { name: production, requires: [staging] }
            flags:
              - name: new-checkout
                type: release
                owner: Ana Lima
                release: 1.4.0
                description: "%s"
              - { name: pay-kill, type: kill-switch, enabled: true }
            """
                    .formatted(DESCRIPTION);

    final Path data;
    final Time.Virtual time = Time.virtual(T0);
    final GantryServer server;
    final ServerClient admin;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    FlagServerFixture(Path dir) throws Exception {
        GitFixture repo = GitFixture.init(dir.resolve("shop"));
        Files.writeString(repo.dir().resolve("gantry.yaml"), PLAN);
        repo.git("add", "gantry.yaml");
        repo.commit("chore: the release plan");
        data = dir.resolve("data");
        server = GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", repo.dir().toString()))),
                time,
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), time.clock()));
        admin = ServerClient.of(
                url(),
                Files.readString(data.resolve(GantryServer.ADMIN_TOKEN_FILE)).strip());
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    String token(String person, String scope) throws Exception {
        return admin.issue(new TokenRequest(person, List.of(scope), 30)).text();
    }

    ServerClient client(String person, String scope) throws Exception {
        return ServerClient.of(url(), token(person, scope));
    }

    @Override
    public void close() {
        server.close();
    }
}
