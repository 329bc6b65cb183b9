package dev.gantry.local.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to the backends, pooled per event loop: a request is forwarded on a connection of the
 * loop that read it, so a request and its answer never cross threads and the pools need no locks.
 */
final class BackendConnections {

    private static final AttributeKey<HostPort> BACKEND = AttributeKey.valueOf("gantry.backend");

    private final Bootstrap bootstrap;
    private final FastThreadLocal<Map<HostPort, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<HostPort, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };
    private volatile Set<HostPort> current = Set.of();

    BackendConnections(EventLoopGroup group, Transport transport, ProxyConfig config) {
        long responseTimeoutNanos = config.responseTimeout().toNanos();
        long idleNanos = Math.min(config.idleTimeout().toNanos(), responseTimeoutNanos);
        int maxBody = config.maxBodyBytes();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        HostPort backend = channel.attr(BACKEND).get();
                        channel.pipeline()
                                .addLast(new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS))
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(maxBody))
                                .addLast(new BackendHandler(BackendConnections.this, backend, responseTimeoutNanos));
                    }
                });
    }

    /** The instances routed to now: a connection to any other is closed instead of pooled. */
    void current(Set<HostPort> backends, EventLoopGroup group) {
        current = Set.copyOf(backends);
        for (EventExecutor loop : group) loop.execute(this::closeRetired);
    }

    /** Sends the exchange on a pooled connection, or on a new one when none is idle or reuse is not wanted. */
    void send(Exchange exchange, boolean reuse) {
        HostPort backend = exchange.backend();
        if (reuse) {
            ArrayDeque<Channel> pooled = idle.get().get(backend);
            Channel channel;
            while (pooled != null && (channel = pooled.pollLast()) != null) {
                if (channel.isActive()) {
                    write(channel, exchange, true);
                    return;
                }
            }
        }
        Bootstrap attempt = bootstrap.clone(exchange.loop());
        attempt.attr(BACKEND, backend);
        attempt.connect(backend.host(), backend.port()).addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                write(connected.channel(), exchange, false);
            } else {
                exchange.backendFailed("refused the connection (" + reason(connected.cause()) + ")", false);
            }
        });
    }

    private static void write(Channel channel, Exchange exchange, boolean reused) {
        channel.pipeline().get(BackendHandler.class).begin(exchange, reused);
        // A failed write closes the connection; the handler then answers the exchange.
        channel.writeAndFlush(exchange.copyForAttempt()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** A connection whose answer was read whole and that the backend keeps open: the next request may use it. */
    void release(Channel channel, HostPort backend) {
        if (!channel.isActive() || !current.contains(backend)) {
            channel.close();
            return;
        }
        idle.get().computeIfAbsent(backend, b -> new ArrayDeque<>()).addLast(channel);
    }

    void forget(Channel channel, HostPort backend) {
        ArrayDeque<Channel> pooled = idle.get().get(backend);
        if (pooled != null) pooled.remove(channel);
    }

    private void closeRetired() {
        Iterator<Map.Entry<HostPort, ArrayDeque<Channel>>> entries =
                idle.get().entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<HostPort, ArrayDeque<Channel>> entry = entries.next();
            if (current.contains(entry.getKey())) continue;
            entries.remove();
            // Closing may call back into forget: close a copy, not the deque being left.
            List.copyOf(entry.getValue()).forEach(Channel::close);
        }
    }

    private static String reason(Throwable cause) {
        if (cause == null) return "unknown";
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
