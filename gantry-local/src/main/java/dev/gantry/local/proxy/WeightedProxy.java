package dev.gantry.local.proxy;

import dev.gantry.local.Track;
import dev.gantry.local.metrics.ProxyMetrics;
import dev.gantry.local.metrics.VersionMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A reverse proxy that splits HTTP/1.1 traffic between a stable and a canary pool by weight and counts what each
 * version answers. Weight and pools change atomically while traffic flows: a request already read finishes on the
 * backend it was sent to; only requests read after a change see it.
 *
 * <p>The proxy runs on Netty event loops and never blocks them: backend connections are opened and pooled per
 * loop and kept alive on both sides.
 */
public final class WeightedProxy implements AutoCloseable {

    private final ProxyConfig config;
    private final ProxyMetrics metrics;
    private final Transport transport;
    private final EventLoopGroup loops;
    private final EventLoopGroup adminLoop;
    private final BackendConnections connections;
    private final AtomicReference<Routing> routing = new AtomicReference<>();
    private final Object changes = new Object();
    private Channel server;
    private Channel admin;

    private WeightedProxy(ProxyConfig config, ProxyMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.transport = Transport.best();
        this.loops = transport.loops(config.ioThreads(), "gantry-proxy");
        this.adminLoop = transport.loops(1, "gantry-proxy-admin");
        this.connections = new BackendConnections(loops, transport, config);
    }

    /**
     * Starts a proxy that listens once this returns.
     *
     * @throws ProxyException when a port cannot be bound
     */
    public static WeightedProxy start(ProxyConfig config, Pool stable, Pool canary, int weight, ProxyMetrics metrics) {
        Routing.checkWeight(weight);
        WeightedProxy proxy = new WeightedProxy(config, metrics);
        try {
            proxy.setBackends(stable, canary);
            proxy.setWeight(weight);
            proxy.bind();
            return proxy;
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    private void bind() {
        TrackChooser chooser = new TrackChooser(config.sticky().orElse(null));
        int maxBody = config.maxBodyBytes();
        server = bindOn(
                transport, config.host(), config.port(), loops, "traffic", new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(maxBody))
                                .addLast(new FrontendHandler(WeightedProxy.this, chooser, connections));
                    }
                });
        if (config.adminPort() >= 0) {
            AdminHandler adminHandler = new AdminHandler(this);
            admin = bindOn(
                    transport,
                    "127.0.0.1",
                    config.adminPort(),
                    adminLoop,
                    "admin",
                    new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpObjectAggregator(1024 * 1024))
                                    .addLast(adminHandler);
                        }
                    });
        }
    }

    private static Channel bindOn(
            Transport transport,
            String host,
            int port,
            EventLoopGroup group,
            String what,
            ChannelInitializer<SocketChannel> init) {
        try {
            return new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(init)
                    .bind(host, port)
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            // Netty rethrows the bind's IOException (BindException, or epoll's NativeIoException) unchecked.
            throw new ProxyException(
                    "cannot listen for " + what + " on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The traffic port. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The admin port on the loopback address, empty when the proxy has none. */
    public OptionalInt adminPort() {
        return admin == null
                ? OptionalInt.empty()
                : OptionalInt.of(((InetSocketAddress) admin.localAddress()).getPort());
    }

    public int weight() {
        return routing.get().weight();
    }

    /** Sends {@code weight} percent (0 to 100) of the requests read from now on to the canary. */
    public void setWeight(int weight) {
        Routing.checkWeight(weight);
        synchronized (changes) {
            routing.set(routing.get().withWeight(weight));
        }
    }

    /**
     * Routes requests read from now on to these pools. An instance kept from the previous pools keeps its pooled
     * connections and its place in the round robin restarts; connections to instances that left are closed once
     * their request, if any, is answered.
     */
    public void setBackends(Pool stable, Pool canary) {
        synchronized (changes) {
            Routing now = routing.get();
            int weight = now == null ? 0 : now.weight();
            Route stableRoute = new Route(Track.STABLE, stable, metrics.of(Track.STABLE, stable.version()));
            Route canaryRoute = new Route(Track.CANARY, canary, metrics.of(Track.CANARY, canary.version()));
            Set<HostPort> all = new HashSet<>(stable.instances());
            all.addAll(canary.instances());
            connections.current(all, loops);
            metrics.serving(Set.<VersionMetrics>of(stableRoute.metrics(), canaryRoute.metrics()));
            routing.set(new Routing(weight, stableRoute, canaryRoute));
        }
    }

    /** The weight, pools and stickiness in force now. */
    public ProxyState state() {
        Routing now = routing.get();
        return new ProxyState(now.weight(), now.stable().pool(), now.canary().pool(), config.sticky());
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    public Optional<Stickiness> sticky() {
        return config.sticky();
    }

    Routing routing() {
        return routing.get();
    }

    /** Blocks until the proxy is closed: its event loops do not keep a JVM alive by themselves. */
    public void awaitClosed() throws InterruptedException {
        server.closeFuture().sync();
    }

    /** Stops listening and closes every connection; requests still in flight are not answered. */
    @Override
    public void close() {
        if (server != null) server.close().syncUninterruptibly();
        if (admin != null) admin.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        adminLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
