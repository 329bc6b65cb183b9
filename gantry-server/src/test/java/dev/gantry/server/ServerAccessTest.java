package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.auth.Throttle;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call the server: tokens, scopes, expiry, revocation and the slowing down of guesses, over real HTTP. */
class ServerAccessTest {

    @TempDir
    Path dir;

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theHealthCheckAnswersWithoutATokenAndEveryOtherEndpointRefusesNoneOrAWrongOne() throws Exception {
        assertThat(Http.send("GET", fixture.url() + "/api/health", null).statusCode())
                .isEqualTo(200);
        String wrong = "gantry_0123456789ab_" + "A".repeat(43);
        for (Route route : fixture.server.routes()) {
            if (route.scope().isEmpty()) continue;
            String url = fixture.url()
                    + route.path()
                            .replace("{project}", "shop")
                            .replace("{environment}", "staging")
                            .replace("{id}", "0123456789ab")
                            .replace("{run}", "r-1")
                            .replace("{flag}", "new-checkout")
                            .replace("{person}", "Priya%20Shah")
                            .replace("{commit}", "c".repeat(40));
            HttpResponse<String> none = Http.send(route.method().name(), url, null);
            if (!route.path().startsWith("/api/") && route.method().name().equals("GET")) {
                // A page sends whoever is not logged in to the login form, and back after it.
                assertThat(none.statusCode()).as("GET %s without a token", url).isEqualTo(303);
                assertThat(none.headers().firstValue("Location"))
                        .hasValueSatisfying(l -> assertThat(l).startsWith("/login?next=%2F"));
            } else {
                assertThat(none.statusCode())
                        .as("%s %s without a token", route.method(), url)
                        .isEqualTo(401);
                // The API says why in JSON; a page of the dashboard says it in a page.
                assertThat(none.body()).contains(route.path().startsWith("/api/") ? "\"error\"" : "Who are you?");
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            }
            HttpResponse<String> bad = Http.send(route.method().name(), url, wrong);
            assertThat(bad.statusCode())
                    .as("%s %s with a wrong token", route.method(), url)
                    .isEqualTo(401);
            // Guessing is slowed down after ten tries; each address here tries once per route, so move on in time.
            fixture.clock.advance(Throttle.WINDOW);
        }
    }

    @Test
    void theFirstStartLeavesAnAdminTokenForItsOwnerAloneWhichIssuesTokensWithScopes() throws Exception {
        Path file = fixture.data.resolve(GantryServer.ADMIN_TOKEN_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.data)))
                .isEqualTo("rwx------");
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        NewToken issued = admin.issue(new TokenRequest("Priya Shah", List.of("read"), 30));
        assertThat(issued.token().person()).isEqualTo("Priya Shah");
        assertThat(issued.token().expires()).isEqualTo(ServerFixture.T0.plus(Duration.ofDays(30)));

        ServerClient priya = ServerClient.of(fixture.url(), issued.text());
        assertThat(priya.whoami().person()).isEqualTo("Priya Shah");
        assertThat(priya.projects()).extracting(p -> p.name()).containsExactly("shop");
        assertThatThrownBy(() -> priya.tokens())
                .isInstanceOf(ServerCallException.class)
                .hasMessage("this needs the admin scope; the token of Priya Shah has: read")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> priya.issue(new TokenRequest("Priya Shah", List.of("admin"), 30)))
                .hasMessageContaining("needs the admin scope");
    }

    @Test
    void aTokenStopsWorkingWhenItExpiresOrIsRevoked() throws Exception {
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        ServerClient ci = ServerClient.of(
                fixture.url(),
                admin.issue(new TokenRequest("CI", List.of("read"), 1)).text());
        NewToken second = admin.issue(new TokenRequest("Bo Chen", List.of("approve"), 30));
        ServerClient bo = ServerClient.of(fixture.url(), second.text());
        ci.whoami();
        bo.whoami();

        fixture.clock.advance(Duration.ofDays(1));
        assertThatThrownBy(ci::whoami).hasMessageContaining("unknown, expired or revoked");

        admin.revoke(second.token().id());
        assertThatThrownBy(bo::whoami).hasMessageContaining("unknown, expired or revoked");
        assertThatThrownBy(() -> admin.revoke(second.token().id())).hasMessageContaining("no token in force");
        assertThat(admin.tokens())
                .filteredOn(t -> t.person().equals("Bo Chen"))
                .singleElement()
                .satisfies(t -> assertThat(t.revoked()).isPresent());
    }

    @Test
    void aRequestForATokenThatIsNotWhatATokenIsIsRefusedWithTheReason() throws Exception {
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        assertThatThrownBy(() -> admin.issue(new TokenRequest("Bo", List.of("root"), 30)))
                .hasMessage("unknown scope \"root\"; a token may have: read, approve, operate, evidence, admin");
        assertThatThrownBy(() -> admin.issue(new TokenRequest("Bo", List.of("read"), 0)))
                .hasMessage("a token lives 1 to 366 days, not 0");
        assertThatThrownBy(() -> admin.issue(new TokenRequest("Bo", List.of("read"), 367)))
                .hasMessage("a token lives 1 to 366 days, not 367");
        assertThatThrownBy(() -> admin.issue(new TokenRequest(" ", List.of("read"), 3)))
                .hasMessage("a token needs a person");
        assertThatThrownBy(() -> admin.issue(new TokenRequest("Bo\u001b]0;x\u0007", List.of("read"), 3)))
                .hasMessageContaining("found U+001B ESCAPE at character 3");
        assertThatThrownBy(() -> admin.issue(new TokenRequest("Bo", List.of(), 3)))
                .hasMessage("a token needs at least one scope");
        HttpResponse<String> garbage = Http.send("POST", fixture.url() + "/api/tokens", fixture.adminToken());
        assertThat(garbage.statusCode()).isEqualTo(400);
    }

    @Test
    void tenWrongTokensFromOneAddressShutItOutForAMinuteEvenWithARightTokenAndTheLogNamesNoToken() throws Exception {
        String right = fixture.adminToken();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < Throttle.LIMIT; i++) {
            String guess = "gantry_" + right.substring(7, 19) + "_" + (char) ('A' + i) + "x".repeat(42);
            wrong.add(guess);
            assertThat(Http.send("GET", fixture.url() + "/api/whoami", guess).statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> shut = Http.send("GET", fixture.url() + "/api/whoami", right);
        assertThat(shut.statusCode()).isEqualTo(429);
        assertThat(shut.headers().firstValue("Retry-After")).hasValue("60");

        fixture.clock.advance(Duration.ofSeconds(59));
        assertThat(Http.send("GET", fixture.url() + "/api/whoami", right).statusCode())
                .isEqualTo(429);
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(Http.send("GET", fixture.url() + "/api/whoami", right).statusCode())
                .isEqualTo(200);

        assertThat(fixture.log()).contains("refused a token from 127.0.0.1 for GET /api/whoami");
        for (String guess : wrong) assertThat(fixture.log()).doesNotContain(guess.substring(20));
        assertThat(fixture.log()).doesNotContain(right.substring(20));
    }

    @Test
    void aTokensLastUseIsKeptAndItsFirstUseFromEachAddressIsAnAuditEntry() throws Exception {
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        NewToken ci = admin.issue(new TokenRequest("CI", List.of("read"), 3));
        assertThat(admin.tokens())
                .filteredOn(t -> t.id().equals(ci.token().id()))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.lastUsed()).isEmpty();
                    assertThat(t.lastAddress()).isEmpty();
                });
        ServerClient.of(fixture.url(), ci.text()).projects();
        fixture.clock.advance(Duration.ofMinutes(5));
        ServerClient.of(fixture.url(), ci.text()).projects();
        // From another loopback address, as another machine would: a request written on a socket bound there.
        try (java.net.Socket socket = new java.net.Socket(
                "127.0.0.1", fixture.server.port(), java.net.InetAddress.getByName("127.0.0.2"), 0)) {
            socket.getOutputStream()
                    .write(("GET /api/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ci.text()
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
        assertThat(admin.tokens())
                .filteredOn(t -> t.id().equals(ci.token().id()))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.lastUsed()).hasValue(ServerFixture.T0.plus(Duration.ofMinutes(5)));
                    assertThat(t.lastAddress()).hasValue("127.0.0.2");
                });
        assertThat(admin.audit())
                .filteredOn(e -> e.action() == dev.gantry.server.audit.AuditAction.TOKEN_USED
                        && e.actor().equals("CI"))
                .extracting(e -> e.subject())
                .containsExactly(
                        "token " + ci.token().id() + " from 127.0.0.1 for the first time",
                        "token " + ci.token().id() + " from 127.0.0.2 for the first time");
        assertThat(fixture.log())
                .contains("token " + ci.token().id() + " of CI used from 127.0.0.2 for the first time");
    }

    @Test
    void theServerKeepsOnlyAHashOfEachTokensSecret() throws Exception {
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        String text = admin.issue(new TokenRequest("CI", List.of("read"), 3)).text();
        String secret = text.substring(20); // gantry_, 12 hex digits, _: the rest is the secret, which may hold _ too
        fixture.close();
        try (ServerDatabase db = ServerDatabase.embedded(fixture.data.resolve("server"));
                Connection c = db.dataSource().getConnection();
                ResultSet rows = c.createStatement().executeQuery("SELECT * FROM api_tokens")) {
            int columns = rows.getMetaData().getColumnCount();
            int seen = 0;
            while (rows.next()) {
                seen++;
                for (int i = 1; i <= columns; i++)
                    assertThat(String.valueOf(rows.getObject(i))).doesNotContain(secret);
            }
            assertThat(seen).isEqualTo(2);
        }
        byte[] file = Files.readAllBytes(fixture.data.resolve("server/server.mv.db"));
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(secret);
        fixture = new ServerFixture(dir.resolve("again"));
    }

    @Test
    void headLowercaseSchemesTwoHeadersAndUnknownPathsAreAnsweredAsTheyShouldBe() throws Exception {
        String admin = fixture.adminToken();
        for (Route route : fixture.server.routes()) {
            if (route.scope().isEmpty() || !route.method().name().equals("GET")) continue;
            String url = fixture.url()
                    + route.path()
                            .replace("{project}", "shop")
                            .replace("{environment}", "staging")
                            .replace("{id}", "0123456789ab")
                            .replace("{run}", "r-1")
                            .replace("{flag}", "new-checkout")
                            .replace("{person}", "Priya%20Shah")
                            .replace("{commit}", "c".repeat(40));
            assertThat(Http.send("HEAD", url, null).statusCode())
                    .as("HEAD %s", url)
                    .isIn(401, 405);
        }
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        var lower = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixture.url() + "/api/whoami"))
                        .header("Authorization", "bearer " + admin)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(lower.statusCode())
                .as("the scheme's name is case-insensitive")
                .isEqualTo(200);
        var two = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixture.url() + "/api/whoami"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Authorization", "Bearer gantry_0123456789ab_" + "A".repeat(43))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(two.statusCode()).isEqualTo(400);
        var unknown = Http.send("GET", fixture.url() + "/api/nothing", admin);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).startsWith("{\"error\":");
    }

    @Test
    void daysAreAWholeNumberAndTheLastAdminTokenCannotBeRevoked() throws Exception {
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        for (String days : List.of("30.5", "\"30\"")) {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixture.url() + "/api/tokens"))
                                    .header("Authorization", "Bearer " + fixture.adminToken())
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            "{\"person\":\"Bo\",\"scopes\":[\"read\"],\"days\":" + days + "}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(days).isEqualTo(400);
        }
        String first = admin.whoami().id();
        assertThatThrownBy(() -> admin.revoke(first)).hasMessageContaining("the last admin token in force");
        NewToken second = admin.issue(new TokenRequest("Ops", List.of("admin"), 30));
        admin.revoke(first);
        assertThat(ServerClient.of(fixture.url(), second.text()).whoami().person())
                .isEqualTo("Ops");
    }

    @Test
    void aDataFolderOthersMayEnterIsRefusedAndLeftAsItWas() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("other.txt"), "keep");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> GantryServer.start(
                        new ServerConfig(
                                shared, "127.0.0.1", 0, List.of(new Project("shop", fixture.source.toString()))),
                        dev.gantry.rollout.Time.system(),
                        new ServerLog(System.err, java.time.Clock.systemUTC())))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("is open to others (rwxrwxrwx)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
                .isEqualTo("rwxrwxrwx");
        assertThat(shared.resolve(GantryServer.ADMIN_TOKEN_FILE)).doesNotExist();
    }
}
