package dev.gantry.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP service to roll out in demos and tests: {@code GET /} answers a JSON body naming its version (or a
 * 500 for the configured share of requests), {@code GET /health} answers {@code {"status":"ok"}}. A slow request is
 * answered later by a timer, so slow requests hold no thread.
 *
 * <pre>
 * java -cp gantry.jar dev.gantry.local.demo.DemoService --port 8081 --version 1.1.0 --fail-rate 0.08
 * </pre>
 *
 * <p>It prints {@code listening on PORT} once it accepts connections and stops cleanly on SIGTERM.
 */
public final class DemoService implements AutoCloseable {

    static {
        // The server writes headers and body apart: with Nagle's algorithm on, each answer waits for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final DemoOptions options;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Share failures;
    private final Share slow;
    private final AtomicLong received = new AtomicLong();
    private final byte[] okBody;
    private final byte[] failBody;
    private final byte[] healthBody;

    private DemoService(DemoOptions options) throws IOException {
        this.options = options;
        this.failures = new Share(options.failRate());
        this.slow = new Share(options.slowRate());
        String version = quoted(options.version());
        this.okBody = bytes("{\"service\":\"demo\",\"version\":" + version + "}\n");
        this.failBody = bytes("{\"error\":\"injected failure\",\"version\":" + version + "}\n");
        this.healthBody = bytes("{\"status\":\"ok\",\"version\":" + version + "}\n");
        this.workers = Executors.newFixedThreadPool(4, daemon("demo-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("demo-timer"));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 1024);
        server.setExecutor(workers);
        server.createContext("/health", exchange -> respond(exchange, 200, healthBody));
        server.createContext("/", this::root);
        server.start();
    }

    /** Starts a service in this process; {@code port} 0 picks a free port, see {@link #port()}. */
    public static DemoService start(DemoOptions options) throws IOException {
        return new DemoService(options);
    }

    public static void main(String[] args) throws IOException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        DemoService service = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "demo-stop"));
        System.out.println("listening on " + service.port());
        System.out.flush();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String version() {
        return options.version();
    }

    /** How many requests for {@code /} arrived so far, answered or still held. */
    public long received() {
        return received.get();
    }

    private void root(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            respond(exchange, 404, bytes("{\"error\":\"not found\"}\n"));
            return;
        }
        received.incrementAndGet();
        boolean fail = failures.next();
        byte[] body = fail ? failBody : okBody;
        int status = fail ? 500 : 200;
        if (options.slowMs() > 0 && slow.next()) {
            timer.schedule(() -> respondQuietly(exchange, status, body), options.slowMs(), TimeUnit.MILLISECONDS);
        } else {
            respond(exchange, status, body);
        }
    }

    private void respondQuietly(HttpExchange exchange, int status, byte[] body) {
        try {
            respond(exchange, status, body);
        } catch (IOException e) {
            // The client went away while the request was held: nothing to answer to.
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
