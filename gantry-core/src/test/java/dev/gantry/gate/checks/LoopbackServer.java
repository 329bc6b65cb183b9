package dev.gantry.gate.checks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 standing in for an endpoint or an API: it answers each path and query with a
 * given status, headers and body, records every request, and can hold an answer back until it is closed.
 */
final class LoopbackServer implements AutoCloseable {

    /** A request as it arrived. */
    record Request(String method, String uri, Headers headers) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.getFirst(name));
        }
    }

    private record Answer(int status, Map<String, String> headers, byte[] body, boolean hang) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The server's address, such as http://127.0.0.1:41234, without a trailing slash. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    LoopbackServer answer(String uri, int status, String body) {
        return answer(uri, status, Map.of(), body);
    }

    LoopbackServer answer(String uri, int status, Map<String, String> headers, String body) {
        answers.put(uri, new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8), false));
        return this;
    }

    /** Requests for {@code uri} get no answer until the server is closed. */
    LoopbackServer hang(String uri) {
        answers.put(uri, new Answer(0, Map.of(), new byte[0], true));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> requestedUris() {
        return requests.stream().map(Request::uri).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().toString();
        requests.add(new Request(exchange.getRequestMethod(), uri, exchange.getRequestHeaders()));
        Answer answer = answers.getOrDefault(
                uri, new Answer(404, Map.of(), "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8), false));
        try (exchange) {
            if (answer.hang()) {
                closing.await();
                return;
            }
            exchange.getRequestBody().readAllBytes();
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            boolean empty =
                    answer.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
