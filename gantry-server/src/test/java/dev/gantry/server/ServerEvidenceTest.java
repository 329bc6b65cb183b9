package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gate.Decision;
import dev.gantry.gate.RecordedGate;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.GateRequest;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Evidence;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence uploaded by CI for a commit, and the server's gate of that commit reading it where the plan names it:
 * bound to the commit, with who uploaded it and when.
 */
class ServerEvidenceTest {

    private static final String PLAN =
            """
            environments:
              - { name: staging }
            criteria:
              - { id: DEP-015, title: Unit tests, check: { type: junit, reports: ["build/test-results/*.xml"] } }
            """;
    private static final String REPORT = "build/test-results/TEST-shop.xml";

    @TempDir
    Path dir;

    private GitFixture source;
    private GantryServer server;
    private ServerClient admin;
    private final Time.Virtual clock = Time.virtual(ServerFixture.T0);

    @BeforeEach
    void start() throws Exception {
        source = GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.0.0");
        Files.writeString(source.dir().resolve("gantry.yaml"), PLAN);
        source.git("add", "gantry.yaml");
        source.commit("chore: the release plan").commit("feat: search");
        server = GantryServer.start(
                new ServerConfig(
                        dir.resolve("data"),
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", source.dir().toString()))),
                clock,
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), clock));
        admin = client(Files.readString(dir.resolve("data/admin.token")).strip());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ServerClient client(String token) throws Exception {
        return ServerClient.of(url(), token);
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private String token(String person, String... scopes) throws Exception {
        return admin.issue(new TokenRequest(person, List.of(scopes), 30)).text();
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String junit(int failures) {
        return """
                <testsuite name="dev.shop.CartTest" tests="2" failures="%d" errors="0" skipped="0">
                  <testcase classname="dev.shop.CartTest" name="adds"/>
                  <testcase classname="dev.shop.CartTest" name="removes">%s</testcase>
                </testsuite>
                """
                .formatted(failures, failures > 0 ? "<failure message=\"expected 2\"/>" : "");
    }

    @Test
    void theGatePassesOrFailsByTheJunitReportUploadedForItsCommitAndNamesIt() throws Exception {
        ServerClient ci = client(token("CI Bot", "evidence", "operate"));
        String head = source.head();

        Evidence.Upload failing = ci.uploadEvidence("shop", head, REPORT, file("red.xml", junit(1)));
        assertThat(failing.commit()).isEqualTo(head);
        assertThat(failing.by()).isEqualTo("CI Bot");
        assertThat(failing.at()).isEqualTo(ServerFixture.T0);
        assertThat(failing.sha256()).hasSize(64);
        RecordedGate red = ci.gate("shop", new GateRequest(head, "staging", List.of(), null));
        assertThat(red.decision()).isEqualTo(Decision.NO_GO);
        assertThat(red.criteria().get(0).evidence()).contains("1 failed");
        assertThat(red.criteria().get(0).uploads()).containsExactly(failing);

        clock.advance(java.time.Duration.ofMinutes(5));
        Evidence.Upload passing = ci.uploadEvidence("shop", head.substring(0, 10), REPORT, file("green.xml", junit(0)));
        assertThat(ci.evidence("shop", head)).containsExactly(passing);
        RecordedGate green = ci.gate("shop", new GateRequest(head, "staging", List.of(), null));
        assertThat(green.decision()).isEqualTo(Decision.GO);
        assertThat(green.criteria().get(0).uploads()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo(REPORT);
            assertThat(u.by()).isEqualTo("CI Bot");
            assertThat(u.at()).isEqualTo(ServerFixture.T0.plusSeconds(300));
        });

        List<AuditEntry> audit = admin.audit();
        assertThat(audit)
                .filteredOn(e -> e.action() == AuditAction.EVIDENCE_UPLOADED)
                .hasSize(2);
        assertThat(audit.stream()
                        .filter(e -> e.action() == AuditAction.EVIDENCE_UPLOADED)
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .subject())
                .contains(REPORT, head, "replacing the upload by CI Bot at " + ServerFixture.T0);
        assertThat(audit).filteredOn(e -> e.action() == AuditAction.GATED).hasSize(2);
    }

    @Test
    void evidenceOfAnotherCommitDoesNotCount() throws Exception {
        ServerClient ci = client(token("CI Bot", "evidence", "operate"));
        String before = source.head();
        ci.uploadEvidence("shop", before, REPORT, file("green.xml", junit(0)));
        source.commit("fix: one more");

        RecordedGate gate = ci.gate("shop", new GateRequest(source.head(), "staging", List.of(), null));

        assertThat(gate.decision()).isEqualTo(Decision.NO_GO);
        assertThat(gate.criteria().get(0).status()).isEqualTo(dev.gantry.gate.CheckResult.Status.ERROR);
        assertThat(gate.criteria().get(0).evidence()).contains("no file matches");
        assertThat(gate.criteria().get(0).uploads()).isEmpty();
        assertThat(ci.evidence("shop", source.head())).isEmpty();
    }

    @Test
    void pathsOutOfTheRepositoryAreRefusedAndNothingIsStored() throws Exception {
        ServerClient ci = client(token("CI Bot", "evidence"));
        Path report = file("red.xml", junit(1));
        for (String path : List.of("../x", "/etc/passwd", "a/../../b", ".git/config", "a\\b", "", "a/")) {
            assertThatThrownBy(() -> ci.uploadEvidence("shop", source.head(), path, report))
                    .as(path)
                    .isInstanceOf(ServerCallException.class)
                    .extracting(e -> ((ServerCallException) e).status())
                    .isEqualTo(400);
        }
        assertThatThrownBy(() -> ci.uploadEvidence("shop", source.head(), "a/../../b", report))
                .hasMessageContaining("\"a/../../b\" has a \"..\" segment");
        assertThatThrownBy(() -> ci.uploadEvidence("shop", source.head(), "x".repeat(501), report))
                .hasMessageContaining("longer than 500 characters");
        assertThat(ci.evidence("shop", source.head())).isEmpty();
        assertThat(ci.uploadEvidence("shop", source.head(), "./build//a.xml", report)
                        .path())
                .isEqualTo("build/a.xml");
    }

    @Test
    void anUnknownCommitIsNotFoundAndAReadTokenCannotUpload() throws Exception {
        ServerClient ci = client(token("CI Bot", "evidence"));
        Path report = file("red.xml", junit(1));
        assertThatThrownBy(() -> ci.uploadEvidence("shop", "f".repeat(40), REPORT, report))
                .hasMessage("project shop has no commit \"" + "f".repeat(40) + "\" (pushed yet?)")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);
        ServerClient reader = client(token("Priya Shah", "read"));
        assertThatThrownBy(() -> reader.uploadEvidence("shop", source.head(), REPORT, report))
                .hasMessageContaining("this needs the evidence scope")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> ci.gate("shop", new GateRequest(source.head(), "staging", List.of(), null)))
                .hasMessageContaining("this needs the operate scope");
        assertThat(reader.evidence("shop", source.head())).isEmpty();
    }

    @Test
    void aFileJustOverTheLimitIsRefusedWith413AndNothingOfItIsKept() throws Exception {
        String token = token("CI Bot", "evidence");
        long size = dev.gantry.evidence.EvidenceService.MAX_BYTES + 1;
        // A body streamed from a generator, as a large CI artifact would be, with no length sent ahead.
        InputStream zeros = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url() + "/api/projects/shop/evidence/" + source.head()
                                        + "?path=" + URLEncoder.encode(REPORT, StandardCharsets.UTF_8)))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("larger than 20 MiB", "nothing of it was stored");
        assertThat(admin.evidence("shop", source.head())).isEmpty();
        try (var left = Files.list(dir.resolve("data/projects/shop/uploads"))) {
            assertThat(left).as("no part left behind").isEmpty();
        }
    }

    @Test
    void aFileUploadedForTheCommitIsFreshForIt() throws Exception {
        Files.writeString(
                source.dir().resolve("gantry.yaml"),
                PLAN
                        + "  - { id: DEP-016, title: Benchmarks, check: { type: file, path: build/bench.txt, fresh: true } }\n");
        source.git("add", "gantry.yaml");
        source.commit("chore: benchmarks gate the release");
        ServerClient ci = client(token("CI Bot", "evidence", "operate"));
        ci.uploadEvidence("shop", source.head(), REPORT, file("green.xml", junit(0)));
        ci.uploadEvidence("shop", source.head(), "build/bench.txt", file("bench.txt", "p99 12 ms\n"));

        RecordedGate gate = ci.gate("shop", new GateRequest(source.head(), "staging", List.of(), null));

        assertThat(gate.decision()).isEqualTo(Decision.GO);
        RecordedGate.Criterion bench = gate.criteria().get(1);
        assertThat(bench.evidence())
                .contains("build/bench.txt was uploaded for the release commit by CI Bot at " + ServerFixture.T0);
        assertThat(bench.uploads()).extracting(Evidence.Upload::path).containsExactly("build/bench.txt");
    }
}
