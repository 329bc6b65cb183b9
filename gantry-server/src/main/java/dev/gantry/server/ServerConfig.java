package dev.gantry.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a server is started.
 *
 * @param data the server's folder: its database, its clones of the projects and their run records
 * @param bind the address to listen on; 127.0.0.1 unless the server is meant to be reached from other machines
 * @param port the port to listen on; 0 for any free one
 * @param database a PostgreSQL to keep the records in, such as {@code postgresql://gantry@db/gantry}, shared by
 *     every replica; empty for the embedded database in {@code data}
 * @param lease how long a run stays held by its server after that server last showed it is alive: the time
 *     another replica waits before it takes over the runs of a server that stopped
 * @param oidc the OpenID Connect provider people may also log in through; empty for passwords alone
 * @param publicUrl the server's address as browsers reach it, such as {@code https://gantry.example.com} behind a
 *     TLS proxy: an https one marks the session's cookies {@code Secure}; empty when browsers reach the server itself
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} names the client; none by default, so that the
 *     header is ignored
 */
public record ServerConfig(
        Path data,
        String bind,
        int port,
        List<Project> projects,
        Optional<String> database,
        Duration lease,
        Optional<dev.gantry.server.auth.OidcSettings> oidc,
        Optional<java.net.URI> publicUrl,
        List<AddressRange> trustedProxies) {

    /** A server renews its runs' leases every third of this by itself, whatever a run is doing. */
    public static final Duration LEASE = Duration.ofMinutes(1);

    public static final Duration SHORTEST_LEASE = Duration.ofSeconds(10);
    public static final Duration LONGEST_LEASE = Duration.ofHours(1);

    public ServerConfig(
            Path data,
            String bind,
            int port,
            List<Project> projects,
            Optional<String> database,
            Duration lease,
            Optional<dev.gantry.server.auth.OidcSettings> oidc,
            Optional<java.net.URI> publicUrl) {
        this(data, bind, port, projects, database, lease, oidc, publicUrl, List.of());
    }

    public ServerConfig(Path data, String bind, int port, List<Project> projects) {
        this(data, bind, port, projects, Optional.empty());
    }

    public ServerConfig(Path data, String bind, int port, List<Project> projects, Optional<String> database) {
        this(data, bind, port, projects, database, LEASE, Optional.empty(), Optional.empty());
    }

    public ServerConfig(
            Path data,
            String bind,
            int port,
            List<Project> projects,
            Optional<String> database,
            Optional<dev.gantry.server.auth.OidcSettings> oidc) {
        this(data, bind, port, projects, database, LEASE, oidc, Optional.empty());
    }

    public ServerConfig {
        publicUrl.ifPresent(url -> {
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null)
                throw new IllegalArgumentException("--public-url: expected an address such as"
                        + " https://gantry.example.com, got \"" + url + "\"");
        });
        if (lease.compareTo(SHORTEST_LEASE) < 0 || lease.compareTo(LONGEST_LEASE) > 0)
            throw new IllegalArgumentException("a lease is " + SHORTEST_LEASE.toSeconds() + " s to "
                    + LONGEST_LEASE.toMinutes() + " min, not " + lease.toSeconds() + " s");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
        if (projects.isEmpty())
            throw new IllegalArgumentException("a server coordinates at least one project: --project NAME=SOURCE");
        projects = List.copyOf(projects);
        trustedProxies = List.copyOf(trustedProxies);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Project project : projects) {
            if (!names.add(project.name()))
                throw new IllegalArgumentException("project " + project.name() + " is named twice");
        }
    }
}
