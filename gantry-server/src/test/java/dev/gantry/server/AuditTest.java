package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditHashes;
import dev.gantry.server.client.ServerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log lists every change made through the server, and {@code verify} finds and names every edit or
 * deletion made in the database behind the server's back.
 */
class AuditTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A server with five audit entries: the first admin token, its first use from this address, a token issued, one
     * revoked, another issued.
     */
    private ServerFixture changed() throws Exception {
        ServerFixture fixture = new ServerFixture(dir);
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        NewToken ci = admin.issue(new TokenRequest("CI", List.of("read"), 30));
        admin.revoke(ci.token().id());
        admin.issue(new TokenRequest("Priya Shah", List.of("approve"), 30));
        return fixture;
    }

    /** Stops the server, changes its database directly, starts it again and returns what verify finds. */
    private List<String> tamperedWith(ServerFixture fixture, String sql) throws Exception {
        fixture.close();
        try (ServerDatabase db = ServerDatabase.embedded(fixture.data.resolve("server"));
                Connection c = db.dataSource().getConnection();
                Statement statement = c.createStatement()) {
            for (String one : sql.split(";\\s*")) statement.executeUpdate(one);
        }
        try (ServerFixture again = new ServerFixture(dir.resolve("again"), fixture.data)) {
            return ServerClient.of(again.url(), fixture.adminToken()).verifyAudit().stream()
                    .map(Object::toString)
                    .toList();
        }
    }

    @Test
    void theLogIsReadAPageAtATimeEachFullPageLinkingTheNext() throws Exception {
        try (ServerFixture fixture = changed()) {
            ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
            List<AuditEntry> whole = admin.audit();
            HttpClient http = HttpClient.newHttpClient();
            List<Long> read = new java.util.ArrayList<>();
            String next = "/api/audit?limit=2";
            int pages = 0;
            while (next != null) {
                HttpResponse<String> page = http.send(
                        HttpRequest.newBuilder(URI.create(fixture.url() + next))
                                .header("Authorization", "Bearer " + fixture.adminToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                for (JsonNode entry : JSON.readTree(page.body()))
                    read.add(entry.path("sequence").asLong());
                next = page.headers()
                        .firstValue("Link")
                        .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
                        .orElse(null);
                pages++;
            }
            // Pages of two: each full page links the next, so a log that ends on a full page ends with an empty one.
            assertThat(read).isEqualTo(whole.stream().map(AuditEntry::sequence).toList());
            assertThat(pages).isEqualTo(whole.size() / 2 + 1);
            assertThat(admin.audit(2, 2)).extracting(AuditEntry::sequence).containsExactly(3L, 4L);

            for (String query : List.of(
                    "limit=0",
                    "limit=10001",
                    "limit=two",
                    "after=-1",
                    "after=1e3",
                    "after=%2B1",
                    "after=%EF%BC%91",
                    "after=99999999999999999999",
                    "after=1&after=-1",
                    "limit=1&limit=2")) {
                HttpResponse<String> refused = http.send(
                        HttpRequest.newBuilder(URI.create(fixture.url() + "/api/audit?" + query))
                                .header("Authorization", "Bearer " + fixture.adminToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(query).isEqualTo(400);
                assertThat(refused.body())
                        .as(query)
                        .containsAnyOf("must be a whole number from", "times: give it once");
            }
        }
    }

    @Test
    void everyChangeIsAnEntryWithWhoDidItAndTheLogVerifies() throws Exception {
        try (ServerFixture fixture = changed()) {
            ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
            List<AuditEntry> entries = admin.audit();
            assertThat(entries)
                    .extracting(AuditEntry::action)
                    .containsExactly(
                            AuditAction.TOKEN_ISSUED,
                            AuditAction.TOKEN_USED,
                            AuditAction.TOKEN_ISSUED,
                            AuditAction.TOKEN_REVOKED,
                            AuditAction.TOKEN_ISSUED);
            assertThat(entries)
                    .extracting(AuditEntry::actor)
                    .containsExactly("gantry serve", "admin", "admin", "admin", "admin");
            assertThat(entries.get(1).subject()).endsWith(" from 127.0.0.1 for the first time");
            assertThat(entries.get(2).subject()).startsWith("token ").contains("for CI (read) until");
            assertThat(entries).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(admin.verifyAudit()).isEmpty();
            String secret = fixture.adminToken().substring(20);
            assertThat(entries).allSatisfy(e -> assertThat(e.subject()).doesNotContain(secret));
        }
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        assertThat(tamperedWith(changed(), "UPDATE audit SET actor = 'Mallory' WHERE sequence = 2"))
                .containsExactly("entry 2: edited: its hash does not match");
    }

    @Test
    void anEditThatRecomputesTheHashBreaksTheNextLink() throws Exception {
        ServerFixture fixture = changed();
        String forged;
        fixture.close();
        try (ServerDatabase db = ServerDatabase.embedded(fixture.data.resolve("server"));
                Connection c = db.dataSource().getConnection();
                Statement statement = c.createStatement()) {
            var row = statement.executeQuery("SELECT at, previous FROM audit WHERE sequence = 4");
            row.next();
            java.time.Instant at =
                    row.getObject(1, java.time.OffsetDateTime.class).toInstant();
            forged = AuditHashes.of(4, at, "Mallory", "TOKEN_REVOKED", "", "token 000000000000", row.getString(2));
            statement.executeUpdate("UPDATE audit SET actor = 'Mallory', subject = 'token 000000000000', hash = '"
                    + forged + "' WHERE sequence = 4");
        }
        try (ServerFixture again = new ServerFixture(dir.resolve("again"), fixture.data)) {
            assertThat(ServerClient.of(again.url(), fixture.adminToken()).verifyAudit())
                    .extracting(Object::toString)
                    .containsExactly("entry 5: does not link to the entry before it");
        }
    }

    @Test
    void anEntryDeletedFromTheMiddleIsNamed() throws Exception {
        assertThat(tamperedWith(changed(), "DELETE FROM audit WHERE sequence = 2"))
                .containsExactly("entry 2: deleted");
    }

    @Test
    void theLastEntriesDeletedAreFoundByTheAnchorOutsideTheDatabase() throws Exception {
        assertThat(tamperedWith(changed(), "DELETE FROM audit WHERE sequence >= 3"))
                .hasSize(3)
                .startsWith("entry 3: deleted: the log ends at entry 2 but entry 5 was written")
                // The tokens those entries issued have lost them.
                .anySatisfy(f -> assertThat(f).startsWith("token ").contains(" of CI is in the tokens table"))
                .anySatisfy(f -> assertThat(f).startsWith("token ").contains(" of Priya Shah is in the tokens table"));
    }

    @Test
    void anActionThatIsNoneIsAnEditAndTheListSaysSo() throws Exception {
        ServerFixture fixture = changed();
        assertThat(tamperedWith(fixture, "UPDATE audit SET action = 'NOTHING' WHERE sequence = 4"))
                .containsExactly("entry 4: edited: its hash does not match");
        try (ServerFixture again = new ServerFixture(dir.resolve("third"), fixture.data)) {
            assertThatThrownBy(() ->
                            ServerClient.of(again.url(), fixture.adminToken()).audit())
                    .hasMessageContaining("audit entry 4 has an action Gantry never writes");
        }
    }

    @Test
    void aMissingAnchorIsSaid() throws Exception {
        ServerFixture fixture = changed();
        fixture.close();
        Files.delete(fixture.data.resolve(GantryServer.AUDIT_ANCHOR_FILE));
        try (ServerFixture again = new ServerFixture(dir.resolve("again"), fixture.data)) {
            assertThat(ServerClient.of(again.url(), fixture.adminToken()).verifyAudit())
                    .extracting(Object::toString)
                    .singleElement()
                    .asString()
                    .contains("anchor file", "is missing");
        }
    }

    @Test
    void afterTheNewestEntriesWereDeletedOrTheAnchorDamagedNoChangeIsMadeAndVerifySaysWhy() throws Exception {
        ServerFixture fixture = changed();
        assertThat(tamperedWith(fixture, "DELETE FROM audit WHERE sequence = 5"))
                .isNotEmpty();
        try (ServerFixture again = new ServerFixture(dir.resolve("third"), fixture.data)) {
            ServerClient admin = ServerClient.of(again.url(), fixture.adminToken());
            int tokens = admin.tokens().size();
            assertThatThrownBy(() -> admin.issue(new TokenRequest("Bo", List.of("read"), 3)))
                    .hasMessageContaining("the audit log does not end where its anchor says");
            assertThat(admin.tokens()).as("nothing changed unrecorded").hasSize(tokens);
            assertThat(admin.verifyAudit())
                    .extracting(Object::toString)
                    .hasSize(2)
                    .startsWith("entry 5: deleted: the log ends at entry 4 but entry 5 was written")
                    .anySatisfy(f -> assertThat(f).contains(" of Priya Shah is in the tokens table, but no entry"));
        }
        for (String damage : List.of("", "garbage", "-5 abc", "x".repeat(100_000))) {
            Files.writeString(fixture.data.resolve(GantryServer.AUDIT_ANCHOR_FILE), damage);
            try (ServerFixture again = new ServerFixture(dir.resolve("damaged-" + damage.length()), fixture.data)) {
                ServerClient admin = ServerClient.of(again.url(), fixture.adminToken());
                assertThat(admin.verifyAudit()).extracting(Object::toString).anySatisfy(f -> assertThat(f)
                        .contains("the anchor is damaged"));
                assertThatThrownBy(() -> admin.issue(new TokenRequest("Bo", List.of("read"), 3)))
                        .hasMessageContaining("anchor is damaged");
            }
        }
    }

    @Test
    void aTokenOrAccountChangedAddedOrBroughtBackInTheDatabaseIsNamedAndTheUntouchedOnesAreNot() throws Exception {
        ServerFixture fixture = changed();
        ServerClient admin = ServerClient.of(fixture.url(), fixture.adminToken());
        admin.createAccount(new dev.gantry.server.api.AccountRequest("Linh Vo", List.of("read"), "correct-horse-42!"));
        admin.createAccount(new dev.gantry.server.api.AccountRequest("Mark Liu", List.of("read"), "correct-horse-43!"));
        admin.removeAccount("Mark Liu");
        admin.createAccount(
                new dev.gantry.server.api.AccountRequest("Mark Liu", List.of("approve"), "correct-horse-44!"));
        assertThat(admin.verifyAudit())
                .as("removed and made again through the server")
                .isEmpty();
        // Entry 3 issued the token of CI that entry 4 revoked.
        String ci = admin.audit().get(2).subject().split(" ")[1];

        List<String> found = tamperedWith(
                fixture,
                "UPDATE api_tokens SET scopes = 'admin' WHERE person = 'Priya Shah';"
                        + " UPDATE api_tokens SET revoked = NULL WHERE id = '" + ci + "';"
                        + " INSERT INTO api_tokens (id, person, scopes, secret_hash, created, expires)"
                        + " VALUES ('0123456789ab', 'Mallory', 'admin', '" + "0".repeat(64) + "',"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '30' DAY);"
                        + " UPDATE accounts SET scopes = 'admin' WHERE person = 'Linh Vo'");

        assertThat(found)
                .anySatisfy(f -> assertThat(f)
                        .contains("was changed in the database")
                        .contains("for Priya Shah (approve)")
                        .contains("for Priya Shah (admin)"))
                .anySatisfy(f -> assertThat(f)
                        .isEqualTo("entry 4: token " + ci + " was revoked, but the database has it in force again"))
                .anySatisfy(
                        f -> assertThat(f)
                                .isEqualTo(
                                        "token 0123456789ab of Mallory is in the tokens table, but no"
                                                + " entry of the log issued it: it was added in the database, or its entry was deleted"))
                .anySatisfy(f -> assertThat(f)
                        .endsWith("the account of Linh Vo was changed in the database: created"
                                + " with (read), now (admin)"))
                .hasSize(4);
    }
}
