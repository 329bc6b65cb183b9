package dev.gantry.gate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.http.HttpFailures;
import dev.gantry.plan.Plan;
import dev.gantry.testing.PlanText;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http check against a real server on loopback. */
class HttpCheckTest {

    private static final String HEALTHY = "{\"status\":\"UP\",\"version\":\"1.4.0\",\"replicas\":3,"
            + "\"ready\":true,\"components\":{\"db\":{\"status\":\"UP\"}}}";

    @TempDir
    Path dir;

    private LoopbackServer server;
    private CheckContext context;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        context = RemoteChecksContext.in(dir).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return server.base() + path;
    }

    private HttpCheck get(String path) {
        return new HttpCheck(url(path), null, null, null, null, null, null, null);
    }

    private HttpCheck value(String path, String jsonPath, String expect) {
        return new HttpCheck(url(path), null, null, null, jsonPath, expect, null, null);
    }

    /** The evidence with its measured milliseconds as "N ms", after checking they are a whole number. */
    private static String timed(CheckResult result) {
        assertThat(result.evidence()).containsPattern(" in \\d+ ms");
        return result.evidence().replaceFirst(" in \\d+ ms", " in N ms");
    }

    @Test
    void anyTwoHundredIsMetByDefault() {
        server.answer("/health", 204, "");
        CheckResult result = get("/health").evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(timed(result)).isEqualTo("GET " + url("/health") + " → 204 in N ms");
        assertThat(result.facts())
                .containsEntry("status", 204)
                .containsEntry("bodyBytes", 0)
                .containsKey("latencyMillis");
        assertThat(server.requests())
                .singleElement()
                .extracting(LoopbackServer.Request::method)
                .isEqualTo("GET");
    }

    @Test
    void aValueAtTheJsonPathIsCompared() {
        server.answer("/health", 200, HEALTHY);
        CheckResult result = value("/health", "$.status", "UP").evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(timed(result)).isEqualTo("GET " + url("/health") + " → 200 in N ms, $.status = \"UP\"");
    }

    @Test
    void aWrongValueIsUnmet() {
        server.answer("/health", 200, "{\"status\":\"DOWN\"}");
        CheckResult result = value("/health", "$.status", "UP").evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(timed(result))
                .isEqualTo("GET " + url("/health") + " → 200 in N ms, $.status = \"DOWN\", expected \"UP\"");
    }

    @Test
    void aMissingValueIsUnmet() {
        server.answer("/health", 200, "{\"state\":\"UP\"}");
        CheckResult result = value("/health", "$.status", "UP").evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(timed(result)).isEqualTo("GET " + url("/health") + " → 200 in N ms, no $.status, expected \"UP\"");
    }

    @Test
    void valuesCompareAsText() {
        server.answer("/health", 200, HEALTHY);
        assertThat(value("/health", "$.replicas", "3").evaluate(context).status())
                .isEqualTo(Status.MET);
        assertThat(value("/health", "$.ready", "true").evaluate(context).status())
                .isEqualTo(Status.MET);
        assertThat(value("/health", "$.components.db.status", "UP")
                        .evaluate(context)
                        .status())
                .isEqualTo(Status.MET);
        assertThat(value("/health", "$.components.db", "{\"status\":\"UP\"}")
                        .evaluate(context)
                        .status())
                .isEqualTo(Status.MET);
        assertThat(value("/health", "$.replicas", "3.0").evaluate(context).status())
                .isEqualTo(Status.UNMET);
    }

    @Test
    void theExpectedValueAndTheUrlHaveTheReleasesValues() {
        server.answer("/production/version", 200, HEALTHY);
        HttpCheck check = new HttpCheck(
                server.base() + "/{environment}/version", null, null, null, "$.version", "{version}", null, null);
        CheckResult result = check.evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(timed(result))
                .isEqualTo("GET " + url("/production/version") + " → 200 in N ms, $.version = \"1.4.0\"");
    }

    @Test
    void anotherStatusIsUnmetWithTheStartOfTheBody() {
        server.answer("/health", 503, "{\"status\":\"DOWN\",\n\"reason\":\"db unreachable\"}\n");
        CheckResult result = value("/health", "$.status", "UP").evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(timed(result)).isEqualTo("GET " + url("/health") + " → 503 in N ms, expected 2xx");
        assertThat(result.details())
                .containsExactly("body: {\"status\":\"DOWN\",", "body: \"reason\":\"db unreachable\"}");
    }

    @Test
    void anExpectedStatusIsExact() {
        server.answer("/health", 200, "ok");
        server.answer("/gone", 410, "gone");
        HttpCheck wants204 = new HttpCheck(url("/health"), null, 204, null, null, null, null, null);
        assertThat(timed(wants204.evaluate(context)))
                .isEqualTo("GET " + url("/health") + " → 200 in N ms, expected 204");
        HttpCheck wants410 = new HttpCheck(url("/gone"), null, 410, null, null, null, null, null);
        assertThat(wants410.evaluate(context).status()).isEqualTo(Status.MET);
    }

    @Test
    void redirectsAreNotFollowed() {
        server.answer("/old", 302, Map.of("Location", url("/health")), "");
        server.answer("/health", 200, "ok");
        CheckResult result = get("/old").evaluate(context);
        assertThat(timed(result)).isEqualTo("GET " + url("/old") + " → 302 in N ms, expected 2xx");
        assertThat(server.requestedUris()).containsExactly("/old");
    }

    @Test
    void aBodyThatIsNotJsonIsAnErrorWhenAValueIsAsked() {
        server.answer("/health", 200, "<html><body>It works!</body></html>");
        CheckResult result = value("/health", "$.status", "UP").evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(timed(result))
                .startsWith("GET " + url("/health")
                        + " → 200 in N ms, but the body is not JSON: Unexpected character ('<'");
        assertThat(result.details()).containsExactly("body: <html><body>It works!</body></html>");
        assertThat(get("/health").evaluate(context).status()).isEqualTo(Status.MET);
    }

    @Test
    void anEmptyOrTruncatedBodyIsNotJson() {
        server.answer("/empty", 200, "");
        server.answer("/cut", 200, "{\"status\":\"UP\"");
        server.answer("/more", 200, "{\"status\":\"UP\"} trailing");
        assertThat(timed(value("/empty", "$.status", "UP").evaluate(context)))
                .isEqualTo("GET " + url("/empty") + " → 200 in N ms, but the body is empty, not JSON");
        assertThat(value("/cut", "$.status", "UP").evaluate(context).status()).isEqualTo(Status.ERROR);
        assertThat(value("/more", "$.status", "UP").evaluate(context).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void aRefusedConnectionIsAnErrorNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + port + "/health";
        CheckResult result = new HttpCheck(closed, null, null, null, null, null, null, null).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("GET " + closed + ": connection refused");
    }

    @Test
    void aUrlTheReleasesValuesSpoilIsAnErrorNotAnException() {
        HttpCheck check = get("/{environment}/health");
        HttpCheck onHost =
                new HttpCheck("http://{environment}.example.com/health", null, null, null, null, null, null, null);
        CheckResult spaced = check.evaluate(
                RemoteChecksContext.in(dir).environment("eu west").build());
        assertThat(spaced.status()).isEqualTo(Status.ERROR);
        assertThat(spaced.evidence())
                .isEqualTo("GET " + url("/eu west/health") + ": not a URL: Illegal character in path");
        CheckResult underscored = onHost.evaluate(
                RemoteChecksContext.in(dir).environment("eu_west").build());
        assertThat(underscored.status()).isEqualTo(Status.ERROR);
        assertThat(underscored.evidence())
                .startsWith("GET http://eu_west.example.com/health: cannot send this request: ");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void whyAnExchangeFailedInWords() {
        Duration timeout = Duration.ofSeconds(10);
        java.net.ConnectException unresolved = new java.net.ConnectException();
        unresolved.initCause(new java.nio.channels.UnresolvedAddressException());
        assertThat(HttpFailures.reason(unresolved, timeout)).isEqualTo("unknown host");
        assertThat(HttpFailures.reason(new java.net.UnknownHostException("shop.invalid"), timeout))
                .isEqualTo("unknown host");
        assertThat(HttpFailures.reason(new java.net.ConnectException("Connection refused"), timeout))
                .isEqualTo("connection refused");
        assertThat(HttpFailures.reason(
                        new java.net.http.HttpConnectTimeoutException("HTTP connect timed out"), timeout))
                .isEqualTo("no connection within 10s");
        assertThat(HttpFailures.reason(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"), timeout))
                .isEqualTo("TLS failed: PKIX path building failed");
    }

    @Test
    void noAnswerWithinTheTimeoutIsAnError() {
        server.hang("/health");
        HttpCheck check = new HttpCheck(url("/health"), null, null, null, null, null, null, Duration.ofMillis(300));
        CheckResult result = check.evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("GET " + url("/health") + ": no answer within 300ms");
    }

    @Test
    void theMethodAndHeadersAreSent() {
        server.answer("/health", 200, "");
        HttpCheck check = new HttpCheck(
                url("/health"),
                "head",
                null,
                null,
                null,
                null,
                Map.of("X-Release", "{tag}", "Accept", "application/json"),
                null);
        assertThat(timed(check.evaluate(context))).isEqualTo("HEAD " + url("/health") + " → 200 in N ms");
        LoopbackServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("HEAD");
        assertThat(request.header("X-Release")).hasValue("v1.4.0");
        assertThat(request.header("Accept")).hasValue("application/json");
    }

    @Test
    void aSlowAnswerIsUnmet() {
        HttpCheck check = new HttpCheck(url("/health"), null, 200, Duration.ofSeconds(2), "$.status", "UP", null, null);
        byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        byte[] down = "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8);
        String asked = "GET " + url("/health");
        assertThat(check.judge(asked, 200, up, 2000, context).status()).isEqualTo(Status.MET);
        CheckResult slow = check.judge(asked, 200, up, 2001, context);
        assertThat(slow.status()).isEqualTo(Status.UNMET);
        assertThat(slow.evidence()).isEqualTo(asked + " → 200 in 2001 ms, $.status = \"UP\", slower than 2s");
        assertThat(check.judge(asked, 500, up, 2300, context).evidence())
                .isEqualTo(asked + " → 500 in 2300 ms, expected 200, slower than 2s");
        assertThat(check.judge(asked, 200, down, 2300, context).evidence())
                .isEqualTo(asked + " → 200 in 2300 ms, $.status = \"DOWN\", expected \"UP\", slower than 2s");
    }

    @Test
    void aRealAnswerWithinTheLimitIsMet() {
        server.answer("/health", 200, "{\"status\":\"UP\"}");
        HttpCheck check = new HttpCheck(url("/health"), null, 200, Duration.ofMinutes(1), null, null, null, null);
        CheckResult result = check.evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat((Long) result.facts().get("latencyMillis")).isBetween(0L, 60_000L);
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> new HttpCheck("localhost:8080/health", null, null, null, null, null, null, null))
                .hasMessage("expected an http or https URL such as https://{environment}.example.com/health,"
                        + " got \"localhost:8080/health\"");
        assertThatThrownBy(() -> new HttpCheck("http://x/health", "GE T", null, null, null, null, null, null))
                .hasMessage("expected a method such as GET or HEAD, got \"GE T\"");
        assertThatThrownBy(() -> new HttpCheck("http://x/health", null, 700, null, null, null, null, null))
                .hasMessage("expected a status code from 100 to 599, got 700");
        assertThatThrownBy(() -> new HttpCheck("http://x/health", null, null, Duration.ZERO, null, null, null, null))
                .hasMessage("expected a duration longer than zero such as 30s, got \"0s\"");
        assertThatThrownBy(() -> new HttpCheck("http://x/health", null, null, null, "$.status", null, null, null))
                .hasMessage("give jsonPath and expect together: the value at the path and its text");
        assertThatThrownBy(() -> new HttpCheck("http://x/health", null, null, null, "$.[", "UP", null, null))
                .hasMessageStartingWith("expected a JSONPath such as $.status, got \"$.[\": ");
        assertThatThrownBy(
                        () -> new HttpCheck("http://x/health", null, null, null, null, null, Map.of("Host", "y"), null))
                .hasMessageStartingWith("cannot send header \"Host\": ");
        HttpCheck defaults =
                new HttpCheck("https://{environment}.example.com/health", null, null, null, null, null, null, null);
        assertThat(defaults.method()).isEqualTo("GET");
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.headers()).isEmpty();
    }

    @Test
    void describeSaysWhatIsAskedAndExpected() {
        assertThat(new HttpCheck("https://{environment}.example.com/health", null, null, null, null, null, null, null)
                        .describe())
                .isEqualTo("GET https://{environment}.example.com/health answers 2xx");
        assertThat(new HttpCheck("https://x/health", "HEAD", 200, Duration.ofSeconds(2), "$.status", "UP", null, null)
                        .describe())
                .isEqualTo("HEAD https://x/health answers 200 with $.status = \"UP\" within 2s");
    }

    @Test
    void thePlanFileDeclaresIt() throws Exception {
        Plan plan = load(
                """
                criteria:
                  - id: DEP-030
                    title: Staging is healthy
                    check:
                      type: http
                      url: "https://staging.example.com/health"
                      expectStatus: 200
                      maxLatency: 2s
                      jsonPath: "$.status"
                      expect: "UP"
                      headers: { X-Release: "{version}" }
                  - id: DEP-031
                    title: Docs are up
                    check: { type: http, url: "https://docs.example.com/", method: HEAD, timeout: 5s }
                """);
        assertThat(plan.criteria().get(0).check())
                .isEqualTo(new HttpCheck(
                        "https://staging.example.com/health",
                        null,
                        200,
                        Duration.ofSeconds(2),
                        "$.status",
                        "UP",
                        Map.of("X-Release", "{version}"),
                        null));
        assertThat(plan.criteria().get(1).check())
                .isEqualTo(new HttpCheck(
                        "https://docs.example.com/", "HEAD", null, null, null, null, null, Duration.ofSeconds(5)));
    }

    @Test
    void badSettingsArePlanErrorsWithTheirPosition() throws Exception {
        assertThat(
                        errors(
                                """
                        criteria:
                          - id: DEP-030
                            title: Bad status
                            check: { type: http, url: "https://x/health", expectStatus: 2000 }
                          - id: DEP-031
                            title: Half a value
                            check: { type: http, url: "https://x/health", jsonPath: "$.status" }
                          - id: DEP-032
                            title: No URL
                            check: { type: http, method: GET }
                        """))
                .containsExactly(
                        "gantry.yaml:4:65: criteria[0].check.expectStatus: expected a status code from 100 to 599,"
                                + " got 2000",
                        "gantry.yaml:7:12: criteria[1].check: give jsonPath and expect together: the value at the path"
                                + " and its text",
                        "gantry.yaml:10:12: criteria[2].check: missing required key \"url\"");
    }

    private Plan load(String yaml) throws Exception {
        return PlanText.load(dir, yaml);
    }

    private List<String> errors(String yaml) throws Exception {
        return PlanText.errors(dir, yaml);
    }
}
