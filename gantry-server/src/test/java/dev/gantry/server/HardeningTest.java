package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.auth.Throttle;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attack on the server found, each closed and tried again over real HTTP: a login form token the attacker
 * picks, guessing many people's passwords from one address, blank passwords, and names that look like others or
 * hide characters.
 */
class HardeningTest {

    private static final String PASSWORD = AccountsTest.PASSWORD;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private ServerClient admin;

    @BeforeEach
    void start() throws Exception {
        // Loopback is a trusted proxy here, so that each test client can be a client address of its own.
        fixture = new ServerFixture(
                dir, dir.resolve("data"), Optional.empty(), Optional.empty(), AddressRange.parseAll("127.0.0.1"));
        admin = ServerClient.of(fixture.url(), fixture.adminToken());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> postLogin(String cookie, String field) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(fixture.url() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "gantry_login=" + cookie)
                        .header("Origin", fixture.url())
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Browser.enc(field)
                                + "&next=%2F&person=Priya+Shah&password=" + Browser.enc(PASSWORD)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String formToken() throws Exception {
        HttpResponse<String> form = new Browser(fixture.url()).get("/login");
        Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(field.find()).isTrue();
        return field.group(1);
    }

    @Test
    void theLoginFormTakesOnlyATokenTheServerMadeAndNotOnceItIsOld() throws Exception {
        admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), PASSWORD));
        // A pair the attacker chose: the cookie (planted through a sibling domain, say) and the field agree.
        for (String chosen : List.of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x.1.y", "")) {
            HttpResponse<String> refused = postLogin(chosen, chosen);
            assertThat(refused.statusCode()).as(chosen).isEqualTo(403);
            assertThat(refused.body()).contains("The form was too old or not this server&#39;s");
        }
        // One the server made, with its time moved back a minute (still young) or its random part changed: only
        // the signature refuses them.
        String made = formToken();
        String[] parts = made.split("\\.");
        String backdated = parts[0] + "." + (Long.parseLong(parts[1]) - 60) + "." + parts[2];
        assertThat(postLogin(backdated, backdated).statusCode()).isEqualTo(403);
        String otherNonce =
                (parts[0].charAt(0) == 'A' ? "B" : "A") + parts[0].substring(1) + "." + parts[1] + "." + parts[2];
        assertThat(postLogin(otherNonce, otherNonce).statusCode()).isEqualTo(403);
        // One made by the server and kept for over an hour.
        fixture.clock.advance(Duration.ofMinutes(61));
        assertThat(postLogin(made, made).statusCode()).isEqualTo(403);

        String fresh = formToken();
        HttpResponse<String> in = postLogin(fresh, fresh);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(303);
    }

    private HttpResponse<String> changePassword(String token, String current, String from) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(fixture.url() + "/api/account/password"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", from)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"current\": \"" + current + "\", \"password\": \"a new long password\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongCurrentPasswordsForManyPeopleFromOneAddressShutThatAddressOut() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (String person : List.of("Ana Lima", "Bo Chen", "Cy Ode", "Di Roe")) {
            admin.createAccount(new AccountRequest(person, List.of("read"), PASSWORD));
            tokens.add(
                    admin.issue(new TokenRequest(person, List.of("read"), 30)).text());
        }
        // Three guesses per person: under the per-person limit, so only the address can stop them.
        List<Integer> answers = new ArrayList<>();
        for (int guess = 0; guess < 3; guess++)
            for (String token : tokens)
                answers.add(changePassword(token, "guess number " + guess, "203.0.113.5")
                        .statusCode());
        assertThat(answers.subList(0, Throttle.LIMIT)).containsOnly(403);
        assertThat(answers.subList(Throttle.LIMIT, answers.size())).containsOnly(429);

        // Another address, and each person's own right password, are not held back.
        HttpResponse<String> elsewhere = changePassword(tokens.get(0), PASSWORD, "198.51.100.7");
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(204);
    }

    @Test
    void wrongCurrentPasswordsForOnePersonFromManyAddressesStillShutThatPersonOut() throws Exception {
        admin.createAccount(new AccountRequest("Ana Lima", List.of("read"), PASSWORD));
        String token =
                admin.issue(new TokenRequest("Ana Lima", List.of("read"), 30)).text();
        for (int i = 0; i < Throttle.LIMIT; i++)
            assertThat(changePassword(token, "guess " + i, "203.0.113." + i).statusCode())
                    .isEqualTo(403);
        HttpResponse<String> held = changePassword(token, PASSWORD, "198.51.100.7");
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(held.body()).contains("too many wrong passwords for Ana Lima");
    }

    @Test
    void aPasswordOfNothingButWhiteSpaceIsRefusedSayingSo() throws Exception {
        for (String blank : List.of(" ".repeat(14), "\u3000".repeat(12), "\t \u00a0".repeat(5))) {
            assertThatThrownBy(() -> admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), blank)))
                    .isInstanceOf(ServerCallException.class)
                    .hasMessageContaining("a password cannot be only spaces or other white space");
        }
        assertThatThrownBy(() -> admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), "")))
                .hasMessageContaining("an account needs a password");
        admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), PASSWORD));
        NewToken priya = admin.issue(new TokenRequest("Priya Shah", List.of("read"), 30));
        assertThatThrownBy(() -> ServerClient.of(fixture.url(), priya.text())
                        .changePassword(new dev.gantry.server.api.PasswordChange(PASSWORD, " ".repeat(20))))
                .hasMessageContaining("a password cannot be only spaces or other white space");
    }

    @Test
    void anAccountNameThatLooksLikeAnotherOrHidesCharactersIsRefused() throws Exception {
        admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), PASSWORD));
        for (String alike : List.of("priya shah", "PRIYA SHAH", "\uFF30riya Shah", "Priya\u00A0Shah")) {
            assertThatThrownBy(() -> admin.createAccount(new AccountRequest(alike, List.of("read"), PASSWORD)))
                    .as(alike)
                    .satisfies(
                            e -> assertThat(((ServerCallException) e).status()).isEqualTo(409))
                    .hasMessageContaining("looks like the name of an account that exists, \"Priya Shah\"");
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("Priya\u202EhahS", "found U+202E RIGHT-TO-LEFT OVERRIDE at character 6");
        hidden.put("Pri\u200Bya Shah", "found U+200B ZERO WIDTH SPACE at character 4");
        hidden.put("Bo\u0007 Chen", "found U+0007 BEL at character 3");
        hidden.put("Cy\u2066Ode", "found U+2066 LEFT-TO-RIGHT ISOLATE at character 3");
        hidden.put("Di\u00ADRoe", "found U+00AD SOFT HYPHEN at character 3");
        for (Map.Entry<String, String> name : hidden.entrySet()) {
            assertThatThrownBy(() -> admin.createAccount(new AccountRequest(name.getKey(), List.of("read"), PASSWORD)))
                    .satisfies(
                            e -> assertThat(((ServerCallException) e).status()).isEqualTo(400))
                    .hasMessageContaining("a person's name takes no control, bidi or invisible formatting characters; "
                            + name.getValue());
        }
        assertThat(admin.accounts()).extracting(a -> a.person()).containsExactly("Priya Shah");
    }

    @Test
    void namesAnAdminSetsThroughTheApiHoldNoHiddenCharacters() throws Exception {
        assertThatThrownBy(() -> admin.issue(new TokenRequest("Mark\u202ELiu", List.of("read"), 30)))
                .hasMessageContaining("a person's name takes no control, bidi or invisible formatting characters;"
                        + " found U+202E RIGHT-TO-LEFT OVERRIDE at character 5");
        assertThatThrownBy(() -> admin.setPolicy("shop", "name: \"base\\u202Eline\"\nrules: []\n"))
                .satisfies(e -> assertThat(((ServerCallException) e).status()).isEqualTo(400))
                .hasMessageContaining("1:7: name: a policy's name takes no control, bidi or invisible formatting"
                        + " characters; found U+202E RIGHT-TO-LEFT OVERRIDE at character 5");
        assertThatThrownBy(
                        () -> admin.setPolicy(
                                "shop",
                                "name: baseline\nrules:\n  - environments: [production]\n    approvers: [qa, \"te\\u200Bch\"]\n"))
                .hasMessageContaining("4:16: rules[0].approvers: item 2 takes no control, bidi or invisible formatting"
                        + " characters; found U+200B ZERO WIDTH SPACE at character 3");
        assertThatThrownBy(
                        () -> admin.setPolicy("shop", "name: baseline\nrules:\n  - blockers: [\"DEP-0\\u000707\"]\n"))
                .hasMessageContaining("rules[0].blockers: item 1 takes no control, bidi or invisible formatting"
                        + " characters; found U+0007 BEL at character 6");
        assertThat(admin.setPolicy("shop", "name: baseline\nrules: []\n").name())
                .isEqualTo("baseline");
    }
}
