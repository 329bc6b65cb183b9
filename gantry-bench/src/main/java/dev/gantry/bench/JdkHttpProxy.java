package dev.gantry.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The weighted proxy built on the JDK alone (HttpServer in front, HttpClient behind), as the baseline the Netty
 * proxy of the local target is measured against. It forwards GET requests only; enough for a load test.
 *
 * <pre>
 * java -cp classes dev.gantry.bench.JdkHttpProxy PORT STABLE_PORT CANARY_PORT WEIGHT THREADS
 * </pre>
 */
public final class JdkHttpProxy {

    private JdkHttpProxy() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        URI stable = URI.create("http://127.0.0.1:" + args[1]);
        URI canary = URI.create("http://127.0.0.1:" + args[2]);
        int weight = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        AtomicLong counter = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", exchange -> {
            int bucket = (int) Math.floorMod(counter.getAndIncrement() * 61, 100L);
            URI base = bucket < weight ? canary : stable;
            forward(client, base, exchange);
        });
        server.start();
        System.out.println("listening on " + port);
    }

    private static void forward(HttpClient client, URI base, HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders()
                    .set("Content-Type", t));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
