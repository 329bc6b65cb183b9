package dev.gantry.local.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The proxy's end of one backend connection: at most one request in flight, then back to the pool. Its idle
 * events do double duty: a connection idle in the pool is closed, one silent on a request past the response
 * timeout answers 504.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    private final BackendConnections connections;
    private final HostPort backend;
    private final long responseTimeoutNanos;
    private Exchange current;
    private boolean reused;

    BackendHandler(BackendConnections connections, HostPort backend, long responseTimeoutNanos) {
        this.connections = connections;
        this.backend = backend;
        this.responseTimeoutNanos = responseTimeoutNanos;
    }

    void begin(Exchange exchange, boolean onReusedConnection) {
        this.current = exchange;
        this.reused = onReusedConnection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange exchange = current;
        if (!(msg instanceof FullHttpResponse) || exchange == null) {
            // An answer nobody asked for: the connection cannot be trusted with the next request.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        FullHttpResponse response = (FullHttpResponse) msg;
        current = null;
        if (response.decoderResult().isFailure()) {
            response.release();
            ctx.close();
            exchange.backendFailed("sent a response that is not valid HTTP", false);
            return;
        }
        if (HttpUtil.isKeepAlive(response)) {
            connections.release(ctx.channel(), backend);
        } else {
            ctx.close();
        }
        exchange.respond(response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connections.forget(ctx.channel(), backend);
        Exchange exchange = current;
        current = null;
        if (exchange != null) exchange.backendFailed("closed the connection before it answered", reused);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        Exchange exchange = current;
        if (exchange == null) {
            ctx.close();
        } else if (exchange.silentNanos(System.nanoTime()) >= responseTimeoutNanos) {
            current = null;
            ctx.close();
            exchange.timedOut("did not answer within " + responseTimeoutNanos / 1_000_000 + " ms");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a broken pipe: closing hands the exchange, if any, to channelInactive.
        ctx.close();
    }
}
