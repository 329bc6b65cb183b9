package dev.gantry.local.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * One request on its way through the proxy, from the moment it was read whole to the moment its answer is handed
 * to the client connection. It stays on the backend it was sent to, whatever the routing does meanwhile, and is
 * answered exactly once: with the backend's response, or with the proxy's own 502 or 504.
 */
final class Exchange {

    private final FrontendHandler frontend;
    private final BackendConnections connections;
    private final FullHttpRequest request;
    private final Route route;
    private final HostPort backend;
    private final long started;
    private final boolean keepAlive;
    private final boolean head;
    private final boolean repeatable;
    private boolean retried;
    private long sentAt;
    private boolean done;

    Exchange(
            FrontendHandler frontend,
            BackendConnections connections,
            FullHttpRequest request,
            Route route,
            long started,
            boolean keepAlive) {
        this.frontend = frontend;
        this.connections = connections;
        this.request = request;
        this.route = route;
        this.backend = route.nextInstance();
        this.started = started;
        this.keepAlive = keepAlive;
        HttpMethod method = request.method();
        this.head = HttpMethod.HEAD.equals(method);
        // Idempotent methods (RFC 9110 section 9.2.2) may be sent again when a pooled connection turns out closed.
        this.repeatable = head
                || HttpMethod.GET.equals(method)
                || HttpMethod.OPTIONS.equals(method)
                || HttpMethod.PUT.equals(method)
                || HttpMethod.DELETE.equals(method)
                || HttpMethod.TRACE.equals(method);
    }

    HostPort backend() {
        return backend;
    }

    EventLoop loop() {
        return frontend.loop();
    }

    boolean keepAlive() {
        return keepAlive;
    }

    boolean head() {
        return head;
    }

    void send() {
        connections.send(this, true);
    }

    /** The request for one attempt: its own read position over the same bytes, so a retry sends the body again. */
    FullHttpRequest copyForAttempt() {
        sentAt = System.nanoTime();
        return request.retainedDuplicate();
    }

    long silentNanos(long now) {
        return now - sentAt;
    }

    void respond(FullHttpResponse response) {
        if (done) {
            response.release();
            return;
        }
        finish(response);
    }

    /** The backend failed before it answered; a request on a reused connection is tried once more, if it may be. */
    void backendFailed(String what, boolean onReusedConnection) {
        if (done) return;
        if (onReusedConnection && repeatable && !retried) {
            retried = true;
            connections.send(this, false);
            return;
        }
        finish(proxyAnswer(HttpResponseStatus.BAD_GATEWAY, what));
    }

    void timedOut(String what) {
        if (done) return;
        finish(proxyAnswer(HttpResponseStatus.GATEWAY_TIMEOUT, what));
    }

    private void finish(FullHttpResponse response) {
        done = true;
        route.metrics().record(response.status().code(), System.nanoTime() - started);
        request.release();
        frontend.answer(this, response);
    }

    private FullHttpResponse proxyAnswer(HttpResponseStatus status, String what) {
        String text = "backend " + backend + " of " + route + " " + what + "\n";
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        return response;
    }
}
