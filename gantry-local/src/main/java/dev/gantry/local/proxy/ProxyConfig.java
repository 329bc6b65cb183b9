package dev.gantry.local.proxy;

import java.time.Duration;
import java.util.Optional;

/**
 * How the proxy listens and forwards.
 *
 * @param host the address the traffic port binds to; the admin port always binds to the loopback address
 * @param port the traffic port, 0 for a free one
 * @param adminPort the admin port ({@code /metrics}, {@code /__gantry/...}), 0 for a free one, -1 for none
 * @param sticky the header or cookie that keeps a user on one version, if any
 * @param maxBodyBytes the largest request or response body the proxy forwards
 * @param responseTimeout how long a backend may stay silent on a request before the client gets a 504
 * @param idleTimeout how long a pooled backend connection may stay unused before it is closed
 * @param ioThreads the event loops that forward traffic
 */
public record ProxyConfig(
        String host,
        int port,
        int adminPort,
        Optional<Stickiness> sticky,
        int maxBodyBytes,
        Duration responseTimeout,
        Duration idleTimeout,
        int ioThreads) {

    public ProxyConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is missing");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        if (adminPort < -1 || adminPort > 65535) {
            throw new IllegalArgumentException("admin port must be -1 (none), 0 (any) or a port, got " + adminPort);
        }
        if (maxBodyBytes < 0) throw new IllegalArgumentException("max body bytes must be 0 or more");
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("response timeout must be positive, got " + responseTimeout);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, got " + idleTimeout);
        }
        if (ioThreads < 1) throw new IllegalArgumentException("io threads must be 1 or more, got " + ioThreads);
    }

    /** Loopback, free ports for traffic and admin, no stickiness, 10 MiB bodies, 60 s answers, one loop per core. */
    public static ProxyConfig defaults() {
        return new ProxyConfig(
                "127.0.0.1",
                0,
                0,
                Optional.empty(),
                10 * 1024 * 1024,
                Duration.ofSeconds(60),
                // Under the 5 s keep-alive of common servers, so a pooled connection is rarely closed under a request.
                Duration.ofSeconds(4),
                Runtime.getRuntime().availableProcessors());
    }

    public ProxyConfig withPort(int newPort) {
        return new ProxyConfig(host, newPort, adminPort, sticky, maxBodyBytes, responseTimeout, idleTimeout, ioThreads);
    }

    public ProxyConfig withHost(String newHost) {
        return new ProxyConfig(newHost, port, adminPort, sticky, maxBodyBytes, responseTimeout, idleTimeout, ioThreads);
    }

    public ProxyConfig withAdminPort(int newAdminPort) {
        return new ProxyConfig(host, port, newAdminPort, sticky, maxBodyBytes, responseTimeout, idleTimeout, ioThreads);
    }

    public ProxyConfig withSticky(Stickiness newSticky) {
        return new ProxyConfig(
                host, port, adminPort, Optional.of(newSticky), maxBodyBytes, responseTimeout, idleTimeout, ioThreads);
    }

    public ProxyConfig withResponseTimeout(Duration newTimeout) {
        return new ProxyConfig(host, port, adminPort, sticky, maxBodyBytes, newTimeout, idleTimeout, ioThreads);
    }

    public ProxyConfig withIoThreads(int newIoThreads) {
        return new ProxyConfig(host, port, adminPort, sticky, maxBodyBytes, responseTimeout, idleTimeout, newIoThreads);
    }
}
