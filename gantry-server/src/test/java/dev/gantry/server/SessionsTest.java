package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.auth.Sessions;
import dev.gantry.server.auth.Throttle;
import dev.gantry.server.client.ServerClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in to the pages: session cookies, CSRF and origin checks, expiry, logout and restarts, over real HTTP. */
class SessionsTest {

    static final String PASSWORD = AccountsTest.PASSWORD;

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private ServerClient admin;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(dir);
        admin = ServerClient.of(fixture.url(), fixture.adminToken());
        admin.createAccount(new AccountRequest("Priya Shah", List.of("approve"), PASSWORD));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        return new ObjectMapper().readTree(answer.body());
    }

    private String csrf(Browser browser) throws Exception {
        HttpResponse<String> whoami = browser.get("/api/whoami");
        assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
        return json(whoami).path("csrfToken").asText();
    }

    @Test
    void theLoginFormIsPlainEscapedHtmlUnderAStrictPolicy() throws Exception {
        Browser browser = new Browser(fixture.url());
        HttpResponse<String> page = browser.get("/login?next=" + Browser.enc("/projects/shop?a=1&b='x'"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("default-src 'self'"));
        assertThat(page.body()).contains("<form method=\"post\" action=\"/login\">", "name=\"_csrf\"");
        assertThat(page.body()).doesNotContain("<script", "style=");
        assertThat(page.body()).contains("value=\"/projects/shop?a=1&amp;b=&#39;x&#39;\"");
        HttpResponse<String> again = browser.logIn("\"><script>alert(1)</script>", "wrong password", "/");
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body())
                .contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script");
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("gantry_login=")
                .contains("; Path=/login", "; HttpOnly", "; SameSite=Strict"));
    }

    @Test
    void behindATlsProxyThePublicHttpsAddressMarksTheCookiesSecure() throws Exception {
        try (ServerFixture proxied = new ServerFixture(
                dir.resolve("proxied"),
                dir.resolve("proxied-data"),
                java.util.Optional.empty(),
                java.util.Optional.of(java.net.URI.create("https://gantry.example.com")))) {
            // The proxy speaks https to the browser and plain http to the server: the cookies are marked all the same,
            // so a browser never sends them over plain http (this test's client, which talks to the server itself,
            // does not).
            HttpResponse<String> form = new Browser(proxied.url()).get("/login");
            assertThat(form.headers().allValues("Set-Cookie"))
                    .anySatisfy(c -> assertThat(c).startsWith("gantry_login=").contains("; Secure"));
        }
    }

    @Test
    void theRightPasswordOpensASessionWhoseCookieWorksForReadingAndTheLogSaysNoPassword() throws Exception {
        Browser browser = new Browser(fixture.url());
        HttpResponse<String> login = browser.logIn("Priya Shah", PASSWORD, "/projects/shop?environment=staging");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/projects/shop?environment=staging");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("gantry_session=")
                .contains("; Path=/;", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure"));

        HttpResponse<String> whoami = browser.get("/api/whoami");
        assertThat(whoami.statusCode()).isEqualTo(200);
        assertThat(json(whoami).path("person").asText()).isEqualTo("Priya Shah");
        assertThat(json(whoami).path("scopes").toString()).isEqualTo("[\"approve\"]");
        assertThat(browser.get("/api/projects").statusCode()).isEqualTo(200);
        HttpResponse<String> tokens = browser.get("/api/tokens");
        assertThat(tokens.statusCode()).isEqualTo(403);
        assertThat(json(tokens).path("error").asText())
                .isEqualTo("this needs the admin scope; the account of Priya Shah has: approve");

        assertThat(fixture.log())
                .contains("logged in Priya Shah from 127.0.0.1")
                .doesNotContain(PASSWORD);
        assertThat(admin.audit())
                .filteredOn(e -> e.action() == AuditAction.LOGIN)
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("Priya Shah"));
    }

    @Test
    void aChangeWithTheCookieNeedsTheSessionsCsrfTokenAndTheServersOwnOrigin() throws Exception {
        Browser browser = new Browser(fixture.url());
        browser.logIn("Priya Shah", PASSWORD, "/");
        String csrf = csrf(browser);
        String change = "{\"current\": \"" + PASSWORD + "\", \"password\": \"a brand new passphrase\"}";

        HttpResponse<String> none = browser.json("/api/account/password", change);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(json(none).path("error").asText()).contains("needs the session's CSRF token", "it had none");
        HttpResponse<String> wrong = browser.json("/api/account/password", change, "X-CSRF-Token", csrf + "x");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(json(wrong).path("error").asText()).contains("it had a wrong one");
        HttpResponse<String> elsewhere =
                browser.json("/api/account/password", change, "X-CSRF-Token", csrf, "Origin", "https://evil.example");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(json(elsewhere).path("error").asText())
                .contains("came from another site (Origin: https://evil.example)");
        HttpResponse<String> referred = browser.json(
                "/api/account/password", change, "X-CSRF-Token", csrf, "Referer", "http://evil.example/page");
        assertThat(referred.statusCode()).isEqualTo(403);
        HttpResponse<String> otherPort =
                browser.json("/api/account/password", change, "X-CSRF-Token", csrf, "Origin", "http://127.0.0.1:1");
        assertThat(otherPort.statusCode()).isEqualTo(403);
        assertThat(admin.audit()).noneMatch(e -> e.action() == AuditAction.PASSWORD_CHANGED);

        HttpResponse<String> right =
                browser.json("/api/account/password", change, "X-CSRF-Token", csrf, "Origin", fixture.url());
        assertThat(right.statusCode()).as(right.body()).isEqualTo(204);
        assertThat(admin.audit()).anyMatch(e -> e.action() == AuditAction.PASSWORD_CHANGED);
        assertThat(csrf(browser))
                .as("the session goes on after its own password change")
                .isEqualTo(csrf);
    }

    @Test
    void aLoginFormPostedFromAnotherSiteOrWithoutItsTokenIsRefused() throws Exception {
        Browser browser = new Browser(fixture.url());
        browser.get("/login");
        HttpResponse<String> noToken = browser.form(
                "/login", Map.of("person", "Priya Shah", "password", PASSWORD, "next", "/"), "Origin", fixture.url());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(browser.cookie("gantry_session")).isEmpty();

        Browser attacker = new Browser(fixture.url());
        HttpResponse<String> page = attacker.get("/login");
        String token = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> crossSite = attacker.form(
                "/login",
                Map.of("_csrf", token, "person", "Priya Shah", "password", PASSWORD, "next", "/"),
                "Origin",
                "https://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(attacker.cookie("gantry_session")).isEmpty();
    }

    @Test
    void pagesSendStrangersToTheLoginFormAndNextNeverLeadsToAnotherSite() throws Exception {
        Browser browser = new Browser(fixture.url());
        HttpResponse<String> page = browser.get("/account?tab=x");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Faccount%3Ftab%3Dx");
        HttpResponse<String> login = browser.logIn("Priya Shah", PASSWORD, "/account?tab=x");
        assertThat(login.headers().firstValue("Location")).hasValue("/account?tab=x");
        HttpResponse<String> account = browser.get("/account?tab=x");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body())
                .contains("<h1>Priya Shah</h1>", "name=\"_csrf\" value=\"" + csrf(browser) + "\"", "Log out");
        browser = new Browser(fixture.url());
        HttpResponse<String> logout = browser.form("/logout", Map.of());
        assertThat(logout.statusCode()).isEqualTo(401);
        assertThat(browser.get("/api/whoami").statusCode()).isEqualTo(401);

        for (String next : List.of(
                "//evil.example/x",
                "https://evil.example/",
                "/\\evil.example",
                "\\\\evil.example",
                "javascript:alert(1)",
                "/ok\r\nLocation: https://evil.example")) {
            Browser someone = new Browser(fixture.url());
            HttpResponse<String> sent = someone.logIn("Priya Shah", PASSWORD, next);
            assertThat(sent.statusCode()).as(next).isEqualTo(303);
            assertThat(sent.headers().firstValue("Location")).as(next).hasValue("/");
        }
    }

    @Test
    void logoutEndsTheSessionAndIsRefusedWithoutTheCsrfToken() throws Exception {
        Browser browser = new Browser(fixture.url());
        browser.logIn("Priya Shah", PASSWORD, "/");
        String csrf = csrf(browser);
        HttpResponse<String> forged = browser.form("/logout", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/whoami").statusCode()).isEqualTo(200);

        String cookie = browser.cookie("gantry_session").orElseThrow();
        HttpResponse<String> logout = browser.form("/logout", Map.of("_csrf", csrf), "Origin", fixture.url());
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).hasValue("/login");
        assertThat(browser.cookie("gantry_session")).isEmpty();
        assertThat(browser.get("/api/whoami").statusCode()).isEqualTo(401);

        Browser stolen = new Browser(fixture.url());
        stolen.keep("gantry_session", cookie);
        HttpResponse<String> replayed = stolen.get("/api/whoami");
        assertThat(replayed.statusCode())
                .as("the cookie of an ended session opens nothing")
                .isEqualTo(401);
        assertThat(json(replayed).path("error").asText()).contains("the session has ended");
        assertThat(admin.audit()).anyMatch(e -> e.action() == AuditAction.LOGOUT);
    }

    @Test
    void aSessionEndsAfterTwelveIdleHoursAndAfterSevenDaysHoweverUsed() throws Exception {
        Browser idle = new Browser(fixture.url());
        idle.logIn("Priya Shah", PASSWORD, "/");
        Browser busy = new Browser(fixture.url());
        busy.logIn("Priya Shah", PASSWORD, "/");
        fixture.clock.advance(Sessions.IDLE.minusMinutes(1));
        assertThat(busy.get("/api/whoami").statusCode()).isEqualTo(200);
        fixture.clock.advance(Duration.ofMinutes(1));
        assertThat(idle.get("/api/whoami").statusCode()).isEqualTo(401);
        assertThat(busy.get("/api/whoami").statusCode()).isEqualTo(200);
        for (int hours = 12; hours < 7 * 24 - 11; hours += 11) {
            fixture.clock.advance(Duration.ofHours(11));
            assertThat(busy.get("/api/whoami").statusCode())
                    .as("%d hours in", hours)
                    .isEqualTo(200);
        }
        fixture.clock.advance(Duration.ofHours(11));
        assertThat(busy.get("/api/whoami").statusCode()).isEqualTo(401);
    }

    @Test
    void sessionsOutliveARestartAndEndWhenTheirAccountIsRemovedOrItsPasswordChanged() throws Exception {
        Browser first = new Browser(fixture.url());
        first.logIn("Priya Shah", PASSWORD, "/");
        String cookie = first.cookie("gantry_session").orElseThrow();
        fixture.close();
        fixture = new ServerFixture(dir.resolve("again"), fixture.data);
        admin = ServerClient.of(fixture.url(), fixture.adminToken());
        Browser again = new Browser(fixture.url());
        again.keep("gantry_session", cookie);
        assertThat(again.get("/api/whoami").statusCode()).isEqualTo(200);

        Browser other = new Browser(fixture.url());
        other.logIn("Priya Shah", PASSWORD, "/");
        String change = "{\"current\": \"" + PASSWORD + "\", \"password\": \"a brand new passphrase\"}";
        assertThat(again.json("/api/account/password", change, "X-CSRF-Token", csrf(again))
                        .statusCode())
                .isEqualTo(204);
        assertThat(again.get("/api/whoami").statusCode()).isEqualTo(200);
        assertThat(other.get("/api/whoami").statusCode())
                .as("a session the old password opened")
                .isEqualTo(401);

        admin.removeAccount("Priya Shah");
        assertThat(again.get("/api/whoami").statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAreSlowedDownAndRecordedWithoutThePassword() throws Exception {
        for (int i = 0; i < Throttle.LIMIT; i++) {
            HttpResponse<String> wrong = new Browser(fixture.url()).logIn("Priya Shah", "wrong password " + i, "/");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("Wrong name or password.");
        }
        HttpResponse<String> shut = new Browser(fixture.url()).logIn("Priya Shah", PASSWORD, "/");
        assertThat(shut.statusCode()).isEqualTo(429);
        assertThat(shut.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(shut.body()).contains("try again in 60 s");
        fixture.clock.advance(Throttle.WINDOW);
        assertThat(new Browser(fixture.url()).logIn("Priya Shah", PASSWORD, "/").statusCode())
                .isEqualTo(303);

        HttpResponse<String> nobody = new Browser(fixture.url()).logIn("Nobody Here", PASSWORD, "/");
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(nobody.body()).contains("Wrong name or password.");

        assertThat(fixture.log()).contains("refused a login for Priya Shah from 127.0.0.1: wrong name or password");
        assertThat(fixture.log()).doesNotContain("wrong password 0", PASSWORD);
        assertThat(admin.audit())
                .filteredOn(e -> e.action() == AuditAction.LOGIN_REFUSED)
                .hasSize(Throttle.LIMIT + 1)
                .allSatisfy(e -> assertThat(e.subject())
                        .isEqualTo("from 127.0.0.1: wrong name or password")
                        .doesNotContain("wrong password"));
        assertThat(admin.verifyAudit()).isEmpty();
    }
}
