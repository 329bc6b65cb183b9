package dev.gantry.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 standing in for Prometheus' query API and for a service's JSON pages. Queries
 * are answered from scripted series the way Prometheus evaluates them: at each time, a series' latest sample no
 * older than five minutes. Every request is recorded; an answer can be held back until the server is closed.
 */
public final class MetricsServer implements AutoCloseable {

    /** A request as it arrived, its query string decoded into {@code params}. */
    record Request(String method, String path, String rawQuery, Map<String, String> params, Headers headers) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.getFirst(name));
        }
    }

    private record Series(Map<String, String> labels, NavigableMap<Long, String> samples) {}

    private record Answer(int status, String body) {}

    private record Large(long bytes, boolean sayLength) {}

    private static final long LOOKBACK_MILLIS = 5 * 60_000;
    private static final int MAX_POINTS = 11_000;
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, List<Series>> series = new ConcurrentHashMap<>();
    private final Map<String, String> scalars = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, Large> large = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public MetricsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The server's address, such as http://127.0.0.1:41234, without a trailing slash. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** One series of {@code query}: its labels and its samples by time, values written as Prometheus writes them. */
    public MetricsServer series(String query, Map<String, String> labels, Map<Instant, String> samples) {
        NavigableMap<Long, String> byMillis = new TreeMap<>();
        samples.forEach((at, value) -> byMillis.put(at.toEpochMilli(), value));
        series.computeIfAbsent(query, q -> new CopyOnWriteArrayList<>()).add(new Series(Map.copyOf(labels), byMillis));
        return this;
    }

    /** {@code query} gives a scalar, the same at every time. */
    MetricsServer scalar(String query, String value) {
        scalars.put(query, value);
        return this;
    }

    /** {@code key}, a query on the query API or the path of any other page, is answered with this. */
    MetricsServer answer(String key, int status, String body) {
        answers.put(key, new Answer(status, body));
        return this;
    }

    /**
     * {@code key}, a query or a path, is answered with a successful Prometheus answer padded to {@code bytes}
     * bytes, written as it is sent, with its length in the headers or chunked without one.
     */
    MetricsServer large(String key, long bytes, boolean sayLength) {
        large.put(key, new Large(bytes, sayLength));
        return this;
    }

    /** {@code key}, a query or a path, gets no answer until the server is closed. */
    MetricsServer hold(String key) {
        held.add(key);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = form(rawQuery);
        requests.add(new Request(exchange.getRequestMethod(), path, rawQuery, params, exchange.getRequestHeaders()));
        boolean instant = path.endsWith("/api/v1/query");
        boolean range = path.endsWith("/api/v1/query_range");
        String key = instant || range ? params.getOrDefault("query", "") : path;
        try (exchange) {
            if (held.contains(key)) {
                closing.await();
                return;
            }
            if (large.containsKey(key)) {
                sendLarge(exchange, large.get(key));
                return;
            }
            Answer answer = answers.get(key);
            if (answer == null) {
                if (instant) answer = instant(params);
                else if (range) answer = range(params);
                else answer = new Answer(404, "{\"message\":\"Not Found\"}");
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sendLarge(HttpExchange exchange, Large answer) throws IOException {
        byte[] start = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]},\"pad\":\""
                .getBytes(StandardCharsets.UTF_8);
        byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] pad = new byte[64 * 1024];
        java.util.Arrays.fill(pad, (byte) 'x');
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.sayLength() ? answer.bytes() : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(start);
            long left = answer.bytes() - start.length - end.length;
            while (left > 0) {
                int n = (int) Math.min(left, pad.length);
                out.write(pad, 0, n);
                left -= n;
            }
            out.write(end);
        } catch (IOException e) {
            // The client stopped reading: the answer was too large for it, as the test meant.
        }
    }

    private Answer instant(Map<String, String> params) {
        String query = params.getOrDefault("query", "");
        if (query.isBlank())
            return badData("invalid parameter \"query\": 1:1: parse error: no expression found in input");
        Long time = millis(params.get("time"));
        // Prometheus would take its own clock; the fake has none, so every query must say when.
        if (time == null)
            return badData(
                    "invalid parameter \"time\": cannot parse \"" + params.get("time") + "\" to a valid timestamp");
        ObjectNode data = JSON.createObjectNode();
        if (scalars.containsKey(query)) {
            data.put("resultType", "scalar");
            data.set("result", sample(time, scalars.get(query)));
            return success(data);
        }
        ArrayNode result = data.put("resultType", "vector").putArray("result");
        for (Series s : series.getOrDefault(query, List.of())) {
            String value = valueAt(s, time);
            if (value == null) continue;
            ObjectNode element = result.addObject();
            element.set("metric", JSON.valueToTree(new TreeMap<>(s.labels())));
            element.set("value", sample(time, value));
        }
        return success(data);
    }

    private Answer range(Map<String, String> params) {
        String query = params.getOrDefault("query", "");
        if (query.isBlank())
            return badData("invalid parameter \"query\": 1:1: parse error: no expression found in input");
        Long start = millis(params.get("start"));
        Long end = millis(params.get("end"));
        Long step = stepMillis(params.get("step"));
        if (start == null)
            return badData(
                    "invalid parameter \"start\": cannot parse \"" + params.get("start") + "\" to a valid timestamp");
        if (end == null)
            return badData(
                    "invalid parameter \"end\": cannot parse \"" + params.get("end") + "\" to a valid timestamp");
        if (step == null || step <= 0)
            return badData(
                    "invalid parameter \"step\": cannot parse \"" + params.get("step") + "\" to a valid duration");
        if (end < start) return badData("invalid parameter \"end\": end timestamp must not be before start time");
        if ((end - start) / step > MAX_POINTS) {
            return badData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query"
                    + " resolution (?step=XX)");
        }
        ObjectNode data = JSON.createObjectNode();
        ArrayNode result = data.put("resultType", "matrix").putArray("result");
        for (Series s : series.getOrDefault(query, List.of())) {
            ArrayNode values = JSON.createArrayNode();
            for (long t = start; t <= end; t += step) {
                String value = valueAt(s, t);
                if (value != null) values.add(sample(t, value));
            }
            // Prometheus leaves out a series without a sample in the range, and every step without one.
            if (values.isEmpty()) continue;
            ObjectNode element = result.addObject();
            element.set("metric", JSON.valueToTree(new TreeMap<>(s.labels())));
            element.set("values", values);
        }
        return success(data);
    }

    private static String valueAt(Series s, long time) {
        Map.Entry<Long, String> latest = s.samples().floorEntry(time);
        return latest == null || time - latest.getKey() > LOOKBACK_MILLIS ? null : latest.getValue();
    }

    private static ArrayNode sample(long millis, String value) {
        ArrayNode pair = JSON.createArrayNode();
        pair.add(BigDecimal.valueOf(millis, 3).stripTrailingZeros());
        pair.add(value);
        return pair;
    }

    private static Answer success(ObjectNode data) {
        ObjectNode envelope = JSON.createObjectNode().put("status", "success");
        envelope.set("data", data);
        return new Answer(200, envelope.toString());
    }

    private static Answer badData(String error) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("status", "error")
                .put("errorType", "bad_data")
                .put("error", error);
        return new Answer(400, envelope.toString());
    }

    /** Seconds since the epoch with up to three decimals, as Prometheus reads times; null when not one. */
    private static Long millis(String seconds) {
        if (seconds == null) return null;
        try {
            return new BigDecimal(seconds).movePointRight(3).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** A step as Prometheus reads it: a duration such as 60s or 500ms, or seconds such as 15 or 0.5. */
    private static Long stepMillis(String step) {
        if (step == null) return null;
        Matcher m = DURATION.matcher(step);
        if (!m.matches()) return millis(step);
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
    }

    private static Map<String, String> form(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
