package dev.gantry.flags.sdk.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.JsonNode;
import dev.gantry.flags.sdk.json.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A server on loopback that answers Unleash's client API as Unleash does: {@code GET /api/client/features} with an
 * ETag and 304 for a matching {@code If-None-Match}, 401 without the token, {@code POST /api/client/register} with 202,
 * {@code POST /api/client/metrics} with 202 for a body of Unleash's {@code clientMetricsSchema} (400 otherwise), and
 * {@code GET /api/client/streaming} as {@code text/event-stream} opening with {@code unleash-connected}.
 */
public final class UnleashTestServer implements AutoCloseable {

    public static final String TOKEN = "default:production.6f7b2c";

    /** A request as the server saw it. */
    public record Seen(String method, String path, Headers headers, String body, int status) {}

    private static final String DROP = "\u0000drop";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    public final List<Seen> requests = new CopyOnWriteArrayList<>();
    public final Semaphore featureRequests = new Semaphore(0);
    /** Released for each metrics report answered, taken or not. */
    public final Semaphore metricsReports = new Semaphore(0);
    /** The metrics reports taken (answered 202), parsed, in the order they came. */
    public final List<JsonNode.JsonObject> metrics = new CopyOnWriteArrayList<>();

    public final Semaphore streamConnections = new Semaphore(0);
    /** Released when an open stream ends, because it was dropped or because the client went away. */
    public final Semaphore streamsEnded = new Semaphore(0);

    /** One queue per stream connection; pushes go to the newest, as a dropped connection's handler may still wait. */
    private final List<BlockingQueue<String>> connections = new CopyOnWriteArrayList<>();
    /** The document served and its version, changed together so an ETag always names its document. */
    private record Served(String features, int version) {}

    private volatile Served served;
    private volatile String rawFeaturesAnswer;
    private volatile int streamingStatus = 200;
    private volatile int registerStatus = 202;
    private volatile int metricsStatus = 202;
    private volatile boolean hangFeatures;
    private volatile boolean hangStreaming;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private volatile String connectedData;

    public UnleashTestServer(String features) throws IOException {
        this.served = new Served(features, 1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/client/features", this::features);
        server.createContext("/api/client/register", this::register);
        server.createContext("/api/client/streaming", this::streaming);
        server.createContext("/api/client/metrics", this::metrics);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    /** The next answers to {@code /client/features} carry this document, with a new ETag. */
    public void setFeatures(String document) {
        served = new Served(document, served.version() + 1);
        rawFeaturesAnswer = null;
    }

    /** The next answers to {@code /client/features} are this body with status 200, whatever it is. */
    public void answerFeaturesWith(String body) {
        rawFeaturesAnswer = body;
    }

    /** Refuses the stream with this status (Unleash answers 404 where streaming is off); 200 to accept it. */
    public void streamingStatus(int status) {
        streamingStatus = status;
    }

    /** Answers {@code /client/features} with its headers and then nothing, until the server closes. */
    public void hangFeatures() {
        hangFeatures = true;
    }

    /** Takes stream connections and never answers them, not even with a head. */
    public void hangStreaming() {
        hangStreaming = true;
    }

    /** Answers {@code /client/register} with this status. */
    public void registerStatus(int status) {
        registerStatus = status;
    }

    /** Answers {@code /client/metrics} with this status, taking nothing unless it is 202. */
    public void metricsStatus(int status) {
        metricsStatus = status;
    }

    /** The data of {@code unleash-connected}; a hydration delta of the current features unless set. */
    public void connectedData(String data) {
        connectedData = data;
    }

    /** Sends one event on the open stream. */
    public void push(String event, String data) {
        pushRaw("event: " + event + "\ndata: " + data + "\n\n");
    }

    /** Sends one event on every stream still open, as a server does to all its clients. */
    public void pushAll(String event, String data) {
        for (BlockingQueue<String> connection : connections) {
            connection.add("event: " + event + "\ndata: " + data + "\n\n");
        }
    }

    /** Sends these bytes as they are on the open stream. */
    public void pushRaw(String text) {
        connections.get(connections.size() - 1).add(text);
    }

    /** Ends the open stream as a dropped connection would. */
    public void drop() {
        pushRaw(DROP);
    }

    public static boolean await(Semaphore s, int permits) throws InterruptedException {
        return s.tryAcquire(permits, 30, TimeUnit.SECONDS);
    }

    private void features(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Headers headers = exchange.getRequestHeaders();
        Served now = served;
        String etag = "\"76d8bb0e:" + now.version() + "\"";
        String answer = rawFeaturesAnswer;
        int status = !TOKEN.equals(headers.getFirst("Authorization"))
                ? 401
                : answer != null ? 200 : etag.equals(headers.getFirst("If-None-Match")) ? 304 : 200;
        // Seen before it is answered, so a test that heard the client react finds the request here.
        requests.add(new Seen("GET", "/api/client/features", headers, body, status));
        try (exchange) {
            if (hangFeatures) {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("{\"version\":2,".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                closed.await();
                return;
            }
            if (status == 401) {
                send(exchange, 401, "{\"message\":\"You must log in to use Unleash.\"}", null);
            } else if (answer != null) {
                send(exchange, 200, answer, null);
            } else if (status == 304) {
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
            } else {
                send(exchange, 200, now.features(), etag);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            featureRequests.release();
        }
    }

    private void register(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = registerStatus;
        requests.add(new Seen("POST", "/api/client/register", exchange.getRequestHeaders(), body, status));
        try (exchange) {
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Headers headers = exchange.getRequestHeaders();
        int status = metricsStatus;
        JsonNode.JsonObject report = null;
        if (!TOKEN.equals(headers.getFirst("Authorization"))) {
            status = 401;
        } else if (!"POST".equals(exchange.getRequestMethod())) {
            status = 405;
        } else {
            try {
                report = clientMetrics(body);
            } catch (InvalidJson | RuntimeException e) {
                // Not the schema's shape (a date-time that does not parse included).
                status = 400;
            }
        }
        requests.add(new Seen(exchange.getRequestMethod(), "/api/client/metrics", headers, body, status));
        if (status == 202) {
            metrics.add(report);
        }
        try (exchange) {
            exchange.sendResponseHeaders(status, -1);
        } finally {
            metricsReports.release();
        }
    }

    /**
     * The report when it has the shape Unleash's {@code clientMetricsSchema} requires: {@code appName}, and a {@code
     * bucket} with date-time {@code start} and {@code stop} and {@code toggles} of whole {@code yes}, {@code no} and
     * {@code variants} counts.
     */
    private static JsonNode.JsonObject clientMetrics(String body) throws InvalidJson {
        JsonNode.JsonObject root = object(JsonParser.parse(body), "the body");
        text(root, "appName");
        JsonNode.JsonObject bucket = object(root.members().get("bucket"), "bucket");
        Instant start = OffsetDateTime.parse(text(bucket, "start")).toInstant();
        Instant stop = OffsetDateTime.parse(text(bucket, "stop")).toInstant();
        if (stop.isBefore(start)) {
            throw new IllegalArgumentException("bucket.stop is before bucket.start");
        }
        for (JsonNode toggle :
                object(bucket.members().get("toggles"), "toggles").members().values()) {
            JsonNode.JsonObject counts = object(toggle, "a toggle");
            whole(counts.members().get("yes"));
            whole(counts.members().get("no"));
            if (counts.members().containsKey("variants")) {
                object(counts.members().get("variants"), "variants")
                        .members()
                        .values()
                        .forEach(n -> whole(n));
            }
        }
        return root;
    }

    private static JsonNode.JsonObject object(JsonNode node, String what) {
        if (node instanceof JsonNode.JsonObject o) {
            return o;
        }
        throw new IllegalArgumentException(what + " is not an object");
    }

    private static String text(JsonNode.JsonObject node, String field) {
        if (node.members().get(field) instanceof JsonNode.JsonString s) {
            return s.value();
        }
        throw new IllegalArgumentException(field + " is not a string");
    }

    private static long whole(JsonNode node) {
        if (node instanceof JsonNode.JsonNumber n && n.text().matches("0|[1-9][0-9]*")) {
            return Long.parseLong(n.text());
        }
        throw new IllegalArgumentException("not a whole number of 0 or more: " + node);
    }

    private void streaming(HttpExchange exchange) throws IOException {
        requests.add(new Seen("GET", "/api/client/streaming", exchange.getRequestHeaders(), "", streamingStatus));
        try (exchange) {
            if (hangStreaming) {
                streamConnections.release();
                closed.await();
                return;
            }
            if (streamingStatus != 200) {
                send(exchange, streamingStatus, "{\"message\":\"streaming is not enabled\"}", null);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            BlockingQueue<String> pushes = new LinkedBlockingQueue<>();
            connections.add(pushes);
            String data = connectedData != null ? connectedData : hydration(served.features());
            out.write(("event: unleash-connected\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            streamConnections.release();
            while (true) {
                String next = pushes.take();
                if (next.equals(DROP)) {
                    return;
                }
                out.write(next.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away.
        } finally {
            streamsEnded.release();
        }
    }

    /** Unleash's {@code ClientFeaturesDelta} that opens a stream: one hydration event with the whole state. */
    public static String hydration(String featuresDocument) {
        String features = between(featuresDocument, "\"features\":", ",\"segments\":");
        String segments = between(featuresDocument, "\"segments\":", ",\"query\":");
        return "{\"events\":[{\"type\":\"hydration\",\"eventId\":1,\"features\":" + features + ",\"segments\":"
                + segments + "}]}";
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static void send(HttpExchange exchange, int status, String body, String etag) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (etag != null) {
            exchange.getResponseHeaders().set("ETag", etag);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed.countDown();
        connections.forEach(queue -> queue.add(DROP));
        server.stop(0);
        threads.shutdownNow();
    }
}
