package dev.gantry.local.proxy;

import static dev.gantry.local.proxy.Backends.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.local.Track;
import dev.gantry.local.demo.DemoOptions;
import dev.gantry.local.demo.DemoService;
import dev.gantry.local.metrics.MetricsWindow;
import dev.gantry.local.metrics.PrometheusParse;
import dev.gantry.local.metrics.ProxyMetrics;
import dev.gantry.local.testing.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    private final Backends backends = new Backends();
    private final Http http = new Http();
    private DemoService stable;
    private DemoService canary;
    private WeightedProxy proxy;
    private ProxyAdminClient admin;

    @BeforeEach
    void start() {
        stable = backends.start("1.0.0");
        canary = backends.start(new DemoOptions(0, "1.1.0", 0.5, 0, 0));
        proxy = WeightedProxy.start(
                ProxyConfig.defaults().withSticky(Stickiness.header("X-User")),
                pool("1.0.0", stable),
                pool("1.1.0"),
                0,
                new ProxyMetrics(Clock.systemUTC()));
        admin = new ProxyAdminClient("127.0.0.1", proxy.adminPort().getAsInt());
    }

    @AfterEach
    void stop() {
        proxy.close();
        backends.close();
    }

    @Test
    void setsBackendsAndWeightAndReportsThemInTheState() {
        admin.setBackends(pool("1.0.0", stable), pool("1.1.0", canary));
        JsonNode state = admin.setWeight(100);

        assertThat(state.get("weight").asInt()).isEqualTo(100);
        assertThat(state.get("sticky").get("header").asText()).isEqualTo("X-User");
        assertThat(state.get("canary").get("instances").get(0).asText()).isEqualTo("127.0.0.1:" + canary.port());
        assertThat(http.get(proxy.port(), "/").version()).isEqualTo("1.1.0");
        assertThat(proxy.weight()).isEqualTo(100);
    }

    @Test
    void theWindowEndpointGivesTheIntervalAndStartsTheNext() {
        admin.setBackends(pool("1.0.0", stable), pool("1.1.0", canary));
        admin.setWeight(50);
        for (int i = 0; i < 200; i++) http.get(proxy.port(), "/");

        assertThat(admin.state().get("interval").get("versions")).hasSize(2);
        MetricsWindow window = admin.window();

        assertThat(window.of(Track.CANARY, "1.1.0").orElseThrow().requests()).isEqualTo(100);
        assertThat(window.of(Track.CANARY, "1.1.0").orElseThrow().errorRate().getAsDouble())
                .isEqualTo(0.5);
        assertThat(window.of(Track.STABLE, "1.0.0").orElseThrow().errors()).isZero();
        assertThat(window.of(Track.STABLE, "1.0.0").orElseThrow().p99()).isPresent();
        MetricsWindow next = admin.window();
        assertThat(next.of(Track.CANARY, "1.1.0").orElseThrow().requests()).isZero();
        assertThat(next.of(Track.CANARY, "1.1.0").orElseThrow().totalRequests()).isEqualTo(100);
    }

    @Test
    void metricsEndpointServesParseablePrometheusText() {
        admin.setBackends(pool("1.0.0", stable), pool("1.1.0", canary));
        admin.setWeight(100);
        for (int i = 0; i < 10; i++) http.get(proxy.port(), "/");

        PrometheusParse parsed = PrometheusParse.of(admin.metricsText());

        assertThat(parsed.value("gantry_proxy_requests_total{version=\"1.1.0\",track=\"canary\"}"))
                .isEqualTo(10);
        assertThat(parsed.value("gantry_proxy_errors_total{version=\"1.1.0\",track=\"canary\"}"))
                .isEqualTo(5);
        assertThat(parsed.value("gantry_proxy_requests_total{version=\"1.0.0\",track=\"stable\"}"))
                .isZero();
        assertThat(parsed.value("gantry_proxy_weight")).isEqualTo(100);
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.adminPort().getAsInt() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesBadInputSayingWhatWasExpected() throws Exception {
        assertThatThrownBy(() -> admin.setWeight(101))
                .isInstanceOf(ProxyException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("weight must be 0 to 100, got 101");
        HttpResponse<String> badPool = put(
                "/__gantry/backends",
                "{\"stable\":{\"version\":\"1.0.0\",\"instances\":[\"nope\"]},\"canary\":{\"version\":\"1.1.0\",\"instances\":[]}}");
        assertThat(badPool.statusCode()).isEqualTo(400);
        assertThat(badPool.body()).contains("stable.instances[0]: expected host:port, got \\\"nope\\\"");
        HttpResponse<String> notJson = put("/__gantry/weight", "fifty");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("body: not JSON");
        assertThat(http.get(proxy.adminPort().getAsInt(), "/__gantry/nothing").status())
                .isEqualTo(404);
        assertThat(http.get(proxy.adminPort().getAsInt(), "/__gantry/window").status())
                .isEqualTo(405);
        assertThat(proxy.weight()).isZero();
    }
}
