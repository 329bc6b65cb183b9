package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenRequest;
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

/**
 * An open stream or wait on a run is cut when the credential that opened it stops being good: the client is told
 * why and the stream ends, over real HTTP, on a run that goes on.
 */
class StreamCutTest {

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private ServerClient admin;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(dir);
        fixture.recordRuns(fixture.head());
        admin = ServerClient.of(fixture.url(), fixture.adminToken());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private String stream() {
        return fixture.url() + "/api/projects/shop/runs/p-1/stream";
    }

    @Test
    void aStreamEndsSayingWhyWhenItsTokenIsRevoked() throws Exception {
        NewToken reader = admin.issue(new TokenRequest("Mark Liu", List.of("read"), 30));
        EventStream events = EventStream.open(stream(), "Authorization", "Bearer " + reader.text());
        assertThat(events.status).isEqualTo(200);
        events.next("run.phase-entered");

        admin.revoke(reader.token().id());

        List<EventStream.Event> rest = events.rest();
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).name()).isEqualTo("end");
        assertThat(rest.get(0).data()).isEqualTo("{\"reason\":\"credential revoked: the token was revoked\"}");
    }

    @Test
    void anotherTokensStreamGoesOnWhenOneIsRevoked() throws Exception {
        NewToken revoked = admin.issue(new TokenRequest("Mark Liu", List.of("read"), 30));
        NewToken kept = admin.issue(new TokenRequest("Priya Shah", List.of("read"), 30));
        EventStream cut = EventStream.open(stream(), "Authorization", "Bearer " + revoked.text());
        EventStream going = EventStream.open(stream(), "Authorization", "Bearer " + kept.text());
        cut.next("run.phase-entered");
        going.next("run.phase-entered");

        admin.revoke(revoked.token().id());
        assertThat(cut.rest()).extracting(EventStream.Event::name).containsExactly("end");
        fixture.appendToRun(); // the run goes on: the kept stream is handed its next event
        assertThat(going.next("run.lesson-noted").name()).isEqualTo("run.lesson-noted");
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        NewToken reader = admin.issue(new TokenRequest("Mark Liu", List.of("read"), 1));
        EventStream events = EventStream.open(stream(), "Authorization", "Bearer " + reader.text());
        events.next("run.phase-entered");

        // Nobody revokes it: the feed's periodic look at its followers' credentials finds it expired.
        fixture.clock.advance(Duration.ofDays(2));

        assertThat(events.rest())
                .containsExactly(
                        new EventStream.Event("end", "{\"reason\":\"credential expired: the token expired\"}"));
    }

    @Test
    void aWaitForTheNextEventIsAnswered401WhenItsTokenIsRevoked() throws Exception {
        NewToken reader = admin.issue(new TokenRequest("Mark Liu", List.of("read"), 30));
        var stored = admin.events("shop", "p-1", 0, 0);
        long last = stored.get(stored.size() - 1).sequence();
        var waiting = java.net.http.HttpClient.newHttpClient()
                .sendAsync(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixture.url()
                                        + "/api/projects/shop/runs/p-1/events?after=" + last + "&wait=60"))
                                .header("Authorization", "Bearer " + reader.text())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        // The token's first use is logged as the wait is let through: revoked after that, never before.
        String letThrough = "token " + reader.token().id() + " of Mark Liu used from 127.0.0.1 for the first time";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!fixture.log().contains(letThrough) && System.nanoTime() < deadline) Thread.onSpinWait();

        admin.revoke(reader.token().id());

        HttpResponse<String> answer = waiting.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("credential revoked: the token was revoked");
    }

    private Browser loggedIn(String person) throws Exception {
        admin.createAccount(new AccountRequest(person, List.of("read"), AccountsTest.PASSWORD));
        Browser browser = new Browser(fixture.url());
        assertThat(browser.logIn(person, AccountsTest.PASSWORD, "/").statusCode())
                .isEqualTo(303);
        return browser;
    }

    private EventStream livePage(Browser browser) throws Exception {
        EventStream live = EventStream.open(
                fixture.url() + "/projects/shop/runs/p-1/live",
                "Cookie",
                "gantry_session=" + browser.cookie("gantry_session").orElseThrow());
        assertThat(live.status).isEqualTo(200);
        live.next("view");
        return live;
    }

    @Test
    void theLivePageStreamEndsWhenItsSessionLogsOut() throws Exception {
        Browser browser = loggedIn("Priya Shah");
        EventStream live = livePage(browser);
        EventStream api = EventStream.open(
                stream(),
                "Cookie",
                "gantry_session=" + browser.cookie("gantry_session").orElseThrow());
        api.next("run.phase-entered");

        HttpResponse<String> out = browser.form("/logout", Map.of("_csrf", csrf(browser)), "Origin", fixture.url());
        assertThat(out.statusCode()).isEqualTo(303);

        String ended = "{\"reason\":\"credential revoked: the session ended (logged out, its password changed or its"
                + " account removed)\"}";
        assertThat(live.rest()).containsExactly(new EventStream.Event("end", ended));
        assertThat(api.rest()).containsExactly(new EventStream.Event("end", ended));
    }

    @Test
    void theLivePageStreamEndsWhenItsSessionExpires() throws Exception {
        EventStream live = livePage(loggedIn("Priya Shah"));

        // A stream is no request: twelve hours of only watching leave the session idle, and it ends.
        fixture.clock.advance(dev.gantry.server.auth.Sessions.IDLE.plusMinutes(1));

        assertThat(live.rest())
                .containsExactly(
                        new EventStream.Event("end", "{\"reason\":\"credential expired: the session expired\"}"));
    }

    @Test
    void theLivePageStreamEndsWhenItsAccountIsRemoved() throws Exception {
        Browser browser = loggedIn("Priya Shah");
        EventStream live = livePage(browser);

        admin.removeAccount("Priya Shah");

        assertThat(live.rest()).extracting(EventStream.Event::name).containsExactly("end");
    }

    @Test
    void aPasswordChangeEndsTheStreamsOfTheAccountsOtherSessions() throws Exception {
        Browser other = loggedIn("Priya Shah");
        EventStream live = livePage(other);
        Browser here = new Browser(fixture.url());
        here.logIn("Priya Shah", AccountsTest.PASSWORD, "/");
        EventStream mine = livePage(here);

        HttpResponse<String> changed = here.json(
                "/api/account/password",
                "{\"current\": \"" + AccountsTest.PASSWORD + "\", \"password\": \"another long password\"}",
                "X-CSRF-Token",
                csrf(here),
                "Origin",
                fixture.url());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        assertThat(live.rest()).extracting(EventStream.Event::name).containsExactly("end");
        fixture.appendToRun();
        assertThat(mine.next("view").name())
                .as("the session that changed it goes on")
                .isEqualTo("view");
    }

    private static String csrf(Browser browser) throws Exception {
        HttpResponse<String> whoami = browser.get("/api/whoami");
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(whoami.body())
                .path("csrfToken")
                .asText();
    }
}
