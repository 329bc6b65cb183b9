package dev.gantry.local.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The proxy's end of one client connection. Requests are answered in the order they came, one at a time, as
 * HTTP/1.1 pipelining requires; a client that sends many ahead is read no further until the queue drains.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final int MAX_QUEUED = 16;

    private final WeightedProxy proxy;
    private final TrackChooser chooser;
    private final BackendConnections connections;
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private String clientAddress;
    private boolean busy;
    private boolean closing;

    FrontendHandler(WeightedProxy proxy, TrackChooser chooser, BackendConnections connections) {
        this.proxy = proxy;
        this.chooser = chooser;
        this.connections = connections;
    }

    EventLoop loop() {
        return ctx.channel().eventLoop();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        SocketAddress remote = context.channel().remoteAddress();
        this.clientAddress = remote instanceof InetSocketAddress
                ? ((InetSocketAddress) remote).getAddress().getHostAddress()
                : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof FullHttpRequest) || closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        queued.addLast((FullHttpRequest) msg);
        if (queued.size() >= MAX_QUEUED) context.channel().config().setAutoRead(false);
        if (!busy) next();
    }

    private void next() {
        FullHttpRequest request = queued.pollFirst();
        if (request == null) return;
        if (queued.size() < MAX_QUEUED) ctx.channel().config().setAutoRead(true);
        busy = true;
        long started = System.nanoTime();
        if (request.decoderResult().isFailure()) {
            request.release();
            answerDirectly(HttpResponseStatus.BAD_REQUEST, "the request is not valid HTTP\n", false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Route route = chooser.choose(request, proxy.routing());
        if (route == null) {
            request.release();
            answerDirectly(HttpResponseStatus.SERVICE_UNAVAILABLE, "no backend instances to route to\n", keepAlive);
            return;
        }
        prepare(request);
        new Exchange(this, connections, request, route, started, keepAlive).send();
    }

    private void prepare(FullHttpRequest request) {
        HopHeaders.strip(request);
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        HttpHeaders headers = request.headers();
        int length = request.content().readableBytes();
        if (length > 0 || headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        }
        if (clientAddress != null) {
            String forwarded = headers.get("X-Forwarded-For");
            headers.set("X-Forwarded-For", forwarded == null ? clientAddress : forwarded + ", " + clientAddress);
        }
    }

    /** The answer of {@code exchange}, on this connection's event loop; the next queued request starts. */
    void answer(Exchange exchange, FullHttpResponse response) {
        HopHeaders.strip(response);
        int status = response.status().code();
        boolean bodiless = exchange.head() || status == 204 || status == 304 || status < 200;
        if (!bodiless) HttpUtil.setContentLength(response, response.content().readableBytes());
        write(response, exchange.keepAlive());
    }

    private void answerDirectly(HttpResponseStatus status, String text, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        write(response, keepAlive);
    }

    private void write(FullHttpResponse response, boolean keepAlive) {
        busy = false;
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            closing = true;
            releaseQueued();
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // An HTTP/1.0 client keeps the connection only when told so; an HTTP/1.1 one reads the same header fine.
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        ctx.writeAndFlush(response);
        next();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closing = true;
        releaseQueued();
        context.fireChannelInactive();
    }

    private void releaseQueued() {
        FullHttpRequest request;
        while ((request = queued.pollFirst()) != null) request.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close();
    }
}
