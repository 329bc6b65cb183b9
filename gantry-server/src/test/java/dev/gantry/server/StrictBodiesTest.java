package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.server.api.FlagSettingsRequest;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API reads request bodies strictly, as its OpenAPI document describes them: a value of another type, a key
 * given twice, a second document, a body too big or too deep is refused with what is wrong, and nothing changes.
 */
class StrictBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private FlagServerFixture fixture;
    private String ana;

    @BeforeEach
    void start() throws Exception {
        fixture = new FlagServerFixture(dir);
        ana = fixture.token("Ana Lima", "operate");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(fixture.url() + path))
                        .header("Authorization", "Bearer " + ana)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> switchFlag(String body) throws Exception {
        return send("POST", "/api/projects/shop/flags/new-checkout/switch", body);
    }

    private static String error(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body()).path("error").asText();
    }

    /** Nothing was changed: new-checkout is off in both environments and has no history. */
    private void nothingChanged() throws Exception {
        ServerClient reader = fixture.client("Mark Liu", "read");
        assertThat(reader.flagHistory("shop", "new-checkout", java.util.Optional.empty()))
                .isEmpty();
        assertThat(fixture.admin.audit()).noneMatch(e -> e.subject().startsWith("flag new-checkout"));
    }

    @Test
    void aValueOfAnotherTypeIsRefusedNamingTheFieldAndWhatItExpects() throws Exception {
        List<List<String>> cases = List.of(
                List.of("{\"environment\":\"staging\",\"on\":1,\"reason\":\"x\"}", "on: expected true or false, got 1"),
                List.of(
                        "{\"environment\":\"staging\",\"on\":0.0,\"reason\":\"x\"}",
                        "on: expected true or false, got a number"),
                List.of(
                        "{\"environment\":\"staging\",\"on\":\"true\",\"reason\":\"x\"}",
                        "on: expected true or false, got \"true\""),
                List.of("{\"environment\":\"staging\",\"on\":true,\"reason\":5}", "reason: expected text, got 5"),
                List.of("{\"environment\":\"staging\",\"on\":true,\"reason\":true}", "reason: expected text, got true"),
                List.of(
                        "{\"environment\":[\"staging\"],\"on\":true,\"reason\":\"x\"}",
                        "environment: expected text, got a list"));
        for (List<String> c : cases) {
            HttpResponse<String> response = switchFlag(c.get(0));
            assertThat(response.statusCode()).as(c.get(0)).isEqualTo(400);
            assertThat(error(response)).as(c.get(0)).isEqualTo(c.get(1));
        }
        nothingChanged();
    }

    @Test
    void aKeyGivenTwiceOrASecondDocumentIsRefused() throws Exception {
        HttpResponse<String> twice =
                switchFlag("{\"environment\":\"staging\",\"on\":false,\"on\":true,\"reason\":\"x\"}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(error(twice)).isEqualTo("on: given twice; give each key once");

        HttpResponse<String> nested = send(
                "PUT",
                "/api/projects/shop/flags/new-checkout/settings",
                "{\"environment\":\"staging\",\"reason\":\"x\",\"settings\":{\"name\":\"new-checkout\",\"name\":\"pay-kill\"}}");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(error(nested)).isEqualTo("settings.name: given twice; give each key once");

        HttpResponse<String> two = switchFlag("{\"environment\":\"staging\",\"on\":true,\"reason\":\"x\"} "
                + "{\"environment\":\"production\",\"on\":true,\"reason\":\"x\"}");
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(error(two)).startsWith("the request's body goes on after its JSON document");
        nothingChanged();
    }

    @Test
    void aBodyOverTheLimitIs413SayingSoAndOneTooDeep400() throws Exception {
        String reason = "r".repeat((int) RequestBodies.MOST_BYTES);
        String body = "{\"environment\":\"staging\",\"on\":true,\"reason\":\"" + reason + "\"}";
        HttpResponse<String> big = switchFlag(body);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(error(big))
                .isEqualTo(
                        "the request's body is " + body.length() + " bytes, over the 1000000 bytes the server takes");

        String deep = "[".repeat(200) + "]".repeat(200);
        HttpResponse<String> tooDeep = send(
                "PUT",
                "/api/projects/shop/flags/new-checkout/settings",
                "{\"environment\":\"staging\",\"reason\":\"x\",\"settings\":" + deep + "}");
        assertThat(tooDeep.statusCode()).isEqualTo(400);
        assertThat(error(tooDeep)).isEqualTo("the request's body nests objects and lists deeper than 64 levels");
        nothingChanged();
    }

    @Test
    void settingsOverTheLimitSentByTheClientAreRefusedSayingHowBigTheyAre() throws Exception {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 800_000; i++) ids.append(i == 0 ? "" : ",").append(i);
        JsonNode settings = JSON.readTree("{\"name\":\"new-checkout\",\"strategies\":[{\"name\":\"userWithId\","
                + "\"parameters\":{\"userIds\":\"" + ids + "\"}}]}");

        assertThatThrownBy(() -> fixture.client("Ana Lima", "operate")
                        .configureFlag("shop", "new-checkout", new FlagSettingsRequest("staging", "big", settings)))
                .isInstanceOfSatisfying(
                        ServerCallException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageMatching("the request's body is \\d+ bytes, over the 1000000 bytes the server takes");
        nothingChanged();
    }

    @Test
    void aBadEscapeInAPathIsTheApisJsonError() throws Exception {
        HttpResponse<String> response = send("GET", "/api/projects/shop/flags/new%00checkout/history", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).startsWith("the request cannot be read: ");
    }

    @Test
    void settingsThatWereRecordedAre201AsASwitchThatChangedSomethingIs() throws Exception {
        JsonNode settings = JSON.readTree("{\"name\":\"new-checkout\",\"strategies\":[{\"name\":\"default\"}]}");
        HttpResponse<String> response = send(
                "PUT",
                "/api/projects/shop/flags/new-checkout/settings",
                JSON.writeValueAsString(new FlagSettingsRequest("staging", "one strategy", settings)));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(fixture.client("Ana Lima", "operate")
                        .configureFlag("shop", "new-checkout", new FlagSettingsRequest("production", "too", settings))
                        .change())
                .isPresent();
    }
}
