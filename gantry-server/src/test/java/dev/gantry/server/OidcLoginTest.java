package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Time;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.client.ServerClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in through an OpenID Connect provider on loopback that speaks the protocol, the browser's redirects
 * driven by hand: the flow that works, and the ID tokens and callbacks an attacker would send.
 */
class OidcLoginTest {

    @TempDir
    Path dir;

    private TestOidcProvider provider;
    private ServerFixture fixture;
    private ServerClient admin;

    @BeforeEach
    void start() throws Exception {
        provider = new TestOidcProvider(Time.virtual(ServerFixture.T0).clock());
        fixture = new ServerFixture(dir, dir.resolve("data"), Optional.of(provider.settings()));
        admin = ServerClient.of(fixture.url(), fixture.adminToken());
        admin.createAccount(new AccountRequest("Priya Shah", List.of("approve"), AccountsTest.PASSWORD));
    }

    @AfterEach
    void stop() {
        fixture.close();
        provider.close();
    }

    /** Follows the login through the provider and back; answers the server's answer to the callback. */
    private HttpResponse<String> logIn(Browser browser, String next) throws Exception {
        HttpResponse<String> start = browser.get("/login/oidc?next=" + Browser.enc(next));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(303);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.issuer() + "/authorize?");
        HttpResponse<String> back = browser.visit(authorize);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        String callback = back.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(fixture.url() + "/login/oidc/callback?code=");
        lastCallback = callback;
        return browser.visit(callback);
    }

    private String lastCallback;

    @Test
    void aPersonWithAnAccountLogsInThroughTheProviderAndIsSentOn() throws Exception {
        HttpResponse<String> form = new Browser(fixture.url()).get("/login");
        assertThat(form.body()).contains("<a href=\"/login/oidc?next=%2F\">Log in with 127.0.0.1</a>");

        Browser browser = new Browser(fixture.url());
        HttpResponse<String> done = logIn(browser, "/account");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/account");
        assertThat(done.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("gantry_session=").contains("HttpOnly", "SameSite=Strict"));
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("<h1>Priya Shah</h1>");
        assertThat(admin.audit())
                .filteredOn(e -> e.action() == AuditAction.LOGIN)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("Priya Shah");
                    assertThat(e.subject()).isEqualTo("from 127.0.0.1 through " + provider.issuer());
                });
    }

    @Test
    void aCallbackReplayedOrBroughtToAnotherBrowserOpensNothing() throws Exception {
        Browser browser = new Browser(fixture.url());
        assertThat(logIn(browser, "/").statusCode()).isEqualTo(303);
        int issued = provider.tokensIssued;

        HttpResponse<String> replayed = browser.visit(lastCallback);
        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.body()).contains("this login is unknown here, expired, finished already");

        Browser victim = new Browser(fixture.url());
        HttpResponse<String> start = victim.get("/login/oidc");
        String callback = victim.visit(start.headers().firstValue("Location").orElseThrow())
                .headers()
                .firstValue("Location")
                .orElseThrow();
        Browser attacker = new Browser(fixture.url());
        HttpResponse<String> elsewhere = attacker.visit(callback);
        assertThat(elsewhere.statusCode()).as("a state without its cookie").isEqualTo(403);
        assertThat(attacker.cookie("gantry_session")).isEmpty();
        assertThat(provider.tokensIssued).as("no code was exchanged for them").isEqualTo(issued);
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsRefused() throws Exception {
        provider.signedByAnotherKey = true;
        assertRefused("the provider's ID token was refused", "signature");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        provider.audience = "another-client";
        assertRefused("the provider's ID token was refused", "aud claim rejected");
    }

    @Test
    void anIdTokenForSeveralAudiencesThatDoesNotNameThisServerAsItsPartyIsRefused() throws Exception {
        provider.alsoFor = Optional.of("another-client");
        assertRefused("it is for several audiences and its azp is not this server's client id");
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        provider.lifetime = Duration.ofMinutes(-5);
        assertRefused("the provider's ID token was refused", "Expired");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        provider.nonce = Optional.of("a nonce of another login");
        assertRefused("the provider's ID token was refused: its nonce is not this login's");
    }

    @Test
    void onlyAPersonWithAnAccountHereMayLogInThroughTheProvider() throws Exception {
        provider.person = "Mallory Stranger";
        assertRefused("nobody named \"Mallory Stranger\" has an account here");
        assertThat(admin.audit())
                .filteredOn(e -> e.action() == AuditAction.LOGIN_REFUSED)
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("Mallory Stranger"));
    }

    private void assertRefused(String... said) throws Exception {
        Browser browser = new Browser(fixture.url());
        HttpResponse<String> refused = logIn(browser, "/account");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        for (String words : said) assertThat(refused.body()).contains(dev.gantry.server.web.Markup.esc(words));
        assertThat(browser.cookie("gantry_session")).isEmpty();
        assertThat(browser.get("/api/whoami").statusCode()).isEqualTo(401);
        assertThat(fixture.log()).contains("refused a login through " + provider.issuer());
    }
}
