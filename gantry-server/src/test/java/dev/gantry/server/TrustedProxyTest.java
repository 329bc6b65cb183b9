package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.auth.Throttle;
import dev.gantry.server.client.ServerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --trusted-proxy}: the client's address comes from {@code X-Forwarded-For} only when the peer is a trusted
 * proxy, over real requests on loopback carrying forged headers.
 */
class TrustedProxyTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ServerFixture serve(String trusted) throws Exception {
        return new ServerFixture(
                dir, dir.resolve("data"), Optional.empty(), Optional.empty(), AddressRange.parseAll(trusted));
    }

    private static HttpResponse<String> get(ServerFixture server, String token, String... forwarded) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/whoami"))
                .header("Authorization", "Bearer " + token);
        for (String header : forwarded) request.header("X-Forwarded-For", header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> firstUses(ServerFixture server) throws Exception {
        return ServerClient.of(server.url(), server.adminToken()).audit().stream()
                .filter(e -> e.action() == AuditAction.TOKEN_USED)
                .map(AuditEntry::subject)
                .toList();
    }

    @Test
    void aPeerThatIsNoTrustedProxyHasItsForwardedForIgnored() throws Exception {
        // Loopback is not in the trusted range: whatever the header says, the client is the peer.
        try (ServerFixture server = serve("10.0.0.0/8")) {
            ServerClient admin = ServerClient.of(server.url(), server.adminToken());
            NewToken token = admin.issue(new TokenRequest("Mark Liu", List.of("read"), 30));
            assertThat(get(server, token.text(), "198.51.100.7").statusCode()).isEqualTo(200);
            assertThat(firstUses(server))
                    .contains("token " + token.token().id() + " from 127.0.0.1 for the first time")
                    .noneMatch(s -> s.contains("198.51.100.7"));

            // Wrong tokens under ever new forged addresses still count against the one peer.
            for (int i = 0; i < Throttle.LIMIT; i++)
                assertThat(get(server, "gantry_wrong", "203.0.113." + i).statusCode())
                        .isEqualTo(401);
            assertThat(get(server, token.text(), "203.0.113.200").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void aTrustedProxysForwardedForNamesTheClientForTheAuditLogAndTheThrottle() throws Exception {
        try (ServerFixture server = serve("127.0.0.0/8,::1")) {
            ServerClient admin = ServerClient.of(server.url(), server.adminToken());
            NewToken token = admin.issue(new TokenRequest("Mark Liu", List.of("read"), 30));
            // The client may have written anything left of what the proxy added: the rightmost untrusted hop wins.
            assertThat(get(server, token.text(), "192.0.2.66, 198.51.100.7").statusCode())
                    .isEqualTo(200);
            // A second trusted proxy in the chain is passed over; two headers read as one list.
            NewToken other = admin.issue(new TokenRequest("Priya Shah", List.of("read"), 30));
            assertThat(get(server, other.text(), "198.51.100.8", "127.0.0.5").statusCode())
                    .isEqualTo(200);
            assertThat(firstUses(server))
                    .contains(
                            "token " + token.token().id() + " from 198.51.100.7 for the first time",
                            "token " + other.token().id() + " from 198.51.100.8 for the first time");
            assertThat(admin.tokens().stream()
                            .filter(t -> t.id().equals(token.token().id()))
                            .findFirst()
                            .orElseThrow()
                            .lastAddress())
                    .hasValue("198.51.100.7");

            // One client's wrong tokens shut out that client, not everyone behind the proxy.
            for (int i = 0; i < Throttle.LIMIT; i++)
                assertThat(get(server, "gantry_wrong", "203.0.113.9").statusCode())
                        .isEqualTo(401);
            assertThat(get(server, token.text(), "203.0.113.9").statusCode()).isEqualTo(429);
            assertThat(get(server, token.text(), "198.51.100.7").statusCode()).isEqualTo(200);
            assertThat(server.log()).contains("shut out 203.0.113.9");
        }
    }

    @Test
    void aLoginThroughATrustedProxyIsAuditedWithTheClientsAddress() throws Exception {
        try (ServerFixture server = serve("127.0.0.1")) {
            ServerClient admin = ServerClient.of(server.url(), server.adminToken());
            admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), AccountsTest.PASSWORD));
            HttpResponse<String> form = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = form.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("gantry_login="))
                    .findFirst()
                    .orElseThrow()
                    .split(";")[0];
            java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                    .matcher(form.body());
            assertThat(field.find()).isTrue();
            HttpResponse<String> login = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", cookie)
                            .header("Origin", server.url())
                            .header("X-Forwarded-For", "2001:db8::17")
                            .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + field.group(1)
                                    + "&next=%2F&person=Priya+Shah&password="
                                    + Browser.enc(AccountsTest.PASSWORD)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(admin.audit().stream()
                            .filter(e -> e.action() == AuditAction.LOGIN)
                            .map(AuditEntry::subject))
                    .containsExactly("from 2001:db8:0:0:0:0:0:17");
        }
    }

    @Test
    void aForwardedForThatIsNoAddressStopsAtTheHopThatPassedItOn() {
        ClientAddress clients = new ClientAddress(AddressRange.parseAll("127.0.0.1,10.0.0.0/8"));
        assertThat(clients.resolve("127.0.0.1", List.of("evil.example, 10.1.2.3")))
                .isEqualTo("10.1.2.3");
        assertThat(clients.resolve("127.0.0.1", List.of("198.51.100.7, not an address")))
                .isEqualTo("127.0.0.1");
        assertThat(clients.resolve("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
        assertThat(clients.resolve("192.0.2.1", List.of("198.51.100.7"))).isEqualTo("192.0.2.1");
    }

    @Test
    void aRangeThatIsNoRangeIsRefusedSayingWhichAndWhy() {
        assertThat(AddressRange.parse("10.0.0.0/8").contains(new byte[] {10, 9, 8, 7}))
                .isTrue();
        assertThat(AddressRange.parse("10.0.0.0/8").contains(new byte[] {11, 0, 0, 1}))
                .isFalse();
        assertThatThrownBy(() -> AddressRange.parseAll("10.0.0.0/8,proxy.internal"))
                .hasMessage("item 2 \"proxy.internal\": expected an IP address or a CIDR range such as 10.0.0.0/8"
                        + " or 2001:db8::/32");
        assertThatThrownBy(() -> AddressRange.parseAll("10.0.0.0/33"))
                .hasMessage("item 1 \"10.0.0.0/33\": an IPv4 prefix is 0 to 32, not 33");
    }
}
