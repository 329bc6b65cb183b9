package dev.gantry.local.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.local.metrics.MetricsWindow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Steers a proxy in another process through its admin port. Each call fails with a {@link ProxyException}. */
public final class ProxyAdminClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final HttpClient http;

    public ProxyAdminClient(String host, int adminPort) {
        this.base = "http://" + host + ":" + adminPort;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** Weight, pools, stickiness and the running interval, as {@code GET /__gantry/state} gives them. */
    public JsonNode state() {
        return json(call("GET", "/__gantry/state", null));
    }

    /** The weight, pools and stickiness in force now. */
    public ProxyState routing() {
        JsonNode state = state();
        try {
            return AdminJson.readState(state);
        } catch (IllegalArgumentException e) {
            throw new ProxyException("proxy admin " + base + "/__gantry/state: " + e.getMessage(), e);
        }
    }

    public JsonNode setWeight(int weight) {
        return json(call("PUT", "/__gantry/weight", "{\"weight\":" + weight + "}"));
    }

    public JsonNode setBackends(Pool stable, Pool canary) {
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        body.set("stable", AdminJson.pool(stable));
        body.set("canary", AdminJson.pool(canary));
        return json(call("PUT", "/__gantry/backends", body.toString()));
    }

    /** The interval's numbers; the proxy starts the next interval. */
    public MetricsWindow window() {
        return AdminJson.readWindow(json(call("POST", "/__gantry/window", "")));
    }

    /** The Prometheus text of {@code GET /metrics}. */
    public String metricsText() {
        return call("GET", "/metrics", null);
    }

    private String call(String method, String path, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProxyException("proxy admin " + base + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyException("proxy admin " + base + path + ": interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new ProxyException("proxy admin " + method + " " + base + path + ": HTTP " + response.statusCode()
                    + ": " + response.body().strip());
        }
        return response.body();
    }

    private JsonNode json(String text) {
        try {
            return AdminJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ProxyException("proxy admin " + base + ": answered something that is not JSON", e);
        }
    }
}
