package dev.gantry.cli;

import dev.gantry.rollout.Time;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the records of one or more repositories to a team over HTTP: status and history for people and CI,"
                    + " each with a token of their own. The server keeps its own clone of each repository and the"
                    + " runs' records in its data folder. On its first start it writes an admin token to"
                    + " DATA/admin.token, readable by its owner alone, to issue the others with (gantry token"
                    + " create). Runs until stopped (Ctrl-C or SIGTERM)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry serve --project shop=https://git.example.com/shop.git",
            "  gantry serve --data /srv/gantry --bind 0.0.0.0 --port 8080 --project shop=/srv/git/shop.git"
        })
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "The server's folder: its database, clones and records (default: gantry-data).")
    Path data = Path.of("gantry-data");

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "The address to listen on (default: 127.0.0.1, this machine alone; 0.0.0.0 for every"
                    + " network, behind a TLS proxy).")
    String bind = "127.0.0.1";

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The port to listen on (default: 8080; 0 for any free one).")
    int port = 8080;

    @Option(
            names = "--project",
            paramLabel = "NAME=SOURCE",
            required = true,
            description = "A repository to coordinate: its name in the API and a path or URL git can clone. Repeat"
                    + " for several.")
    List<String> projects = new ArrayList<>();

    @Option(
            names = "--database",
            paramLabel = "URL",
            defaultValue = "${env:GANTRY_DATABASE}",
            description = "Keep the records in this PostgreSQL, such as postgresql://gantry@db.example/gantry, shared"
                    + " by every server started on it (default: $GANTRY_DATABASE, else the embedded database in the"
                    + " data folder). Give the password in $GANTRY_DATABASE rather than here, where others can see"
                    + " it in the process list.")
    String database;

    @Option(
            names = "--lease",
            paramLabel = "DURATION",
            description = "How long a run stays with this server after the server last renewed it (it renews its"
                    + " runs every third of that): when a server stops, another replica on the same database takes"
                    + " its runs over within about one and a half leases (default: 1m; 10s to 1h).")
    String lease = "1m";

    @Option(
            names = "--oidc-issuer",
            paramLabel = "URL",
            defaultValue = "${env:GANTRY_OIDC_ISSUER}",
            description = "Let people with an account also log in through this OpenID Connect provider, such as"
                    + " https://accounts.example.com (default: $GANTRY_OIDC_ISSUER; without one, passwords alone).")
    String oidcIssuer;

    @Option(
            names = "--oidc-client-id",
            paramLabel = "ID",
            defaultValue = "${env:GANTRY_OIDC_CLIENT_ID}",
            description = "The id the provider gave this server (default: $GANTRY_OIDC_CLIENT_ID).")
    String oidcClientId;

    @Option(
            names = "--oidc-client-secret-file",
            paramLabel = "FILE",
            defaultValue = "${env:GANTRY_OIDC_CLIENT_SECRET_FILE}",
            description = "A file holding the client secret the provider gave this server (default:"
                    + " $GANTRY_OIDC_CLIENT_SECRET_FILE); never an option of its own, which the process list shows.")
    Path oidcSecretFile;

    @Option(
            names = "--oidc-claim",
            paramLabel = "CLAIM",
            description = "The ID token's claim whose value is the person of an account: name, preferred_username or"
                    + " email (default: name).")
    String oidcClaim = "name";

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "The server's address as browsers reach it, such as https://gantry.example.com behind a"
                    + " TLS proxy: an https one marks the session cookies Secure, and with OpenID Connect it makes the"
                    + " redirect URI registered with the provider, URL/login/oidc/callback (default: the address"
                    + " each request was sent to).")
    String publicUrl;

    @Option(
            names = "--trusted-proxy",
            paramLabel = "CIDR[,CIDR...]",
            description = "The proxies in front of the server, such as 10.0.0.0/8 or 127.0.0.1: a request whose"
                    + " peer is one of them has its client's address taken from X-Forwarded-For (the rightmost"
                    + " address that is not itself a trusted proxy), for the throttles and the audit log. From any"
                    + " other peer the header is ignored (default: none).")
    String trustedProxy;

    private final Time time;

    ServeCommand(Time time) {
        this.time = time;
    }

    private java.time.Duration leaseTime() {
        try {
            return dev.gantry.binding.DurationText.parse(lease);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lease: " + e.getMessage(), e);
        }
    }

    private java.util.List<dev.gantry.server.AddressRange> trustedProxies() {
        if (trustedProxy == null) return java.util.List.of();
        try {
            return dev.gantry.server.AddressRange.parseAll(trustedProxy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--trusted-proxy: " + e.getMessage(), e);
        }
    }

    /** The provider to log in through, when one is named; every part of it or none. */
    private java.util.Optional<dev.gantry.server.auth.OidcSettings> oidc() {
        boolean issuer = oidcIssuer != null && !oidcIssuer.isBlank();
        boolean client = oidcClientId != null && !oidcClientId.isBlank();
        boolean secret = oidcSecretFile != null && !oidcSecretFile.toString().isEmpty();
        if (!issuer && !client && !secret) {
            return java.util.Optional.empty();
        }
        if (!issuer || !client || !secret)
            throw new IllegalArgumentException("OpenID Connect needs --oidc-issuer, --oidc-client-id and"
                    + " --oidc-client-secret-file together (or their GANTRY_OIDC_... variables)");
        String text;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(oidcSecretFile)) {
            text = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the client secret file " + oidcSecretFile + ": " + e.getMessage());
        }
        try {
            return java.util.Optional.of(new dev.gantry.server.auth.OidcSettings(
                    new java.net.URI(oidcIssuer.strip()),
                    oidcClientId.strip(),
                    text,
                    oidcClaim,
                    java.util.Optional.ofNullable(publicUrl).map(u -> java.net.URI.create(u.strip()))));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--oidc-issuer: \"" + oidcIssuer + "\" is not a URL: " + e.getReason());
        }
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = new ServerConfig(
                    data,
                    bind,
                    port,
                    projects.stream().map(Project::parse).toList(),
                    java.util.Optional.ofNullable(database).filter(d -> !d.isBlank()),
                    leaseTime(),
                    oidc(),
                    java.util.Optional.ofNullable(publicUrl).map(u -> java.net.URI.create(u.strip())),
                    trustedProxies());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerLog log = new ServerLog(System.err, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        GantryServer server = GantryServer.start(config, time, log);
        Thread stop = new Thread(
                () -> {
                    server.close();
                    log.say("stopped");
                    stopped.countDown();
                },
                "gantry-serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        spec.commandLine()
                .getOut()
                .println("serving " + server.address(bind) + "api/ (projects: "
                        + String.join(
                                ", ",
                                config.projects().stream().map(Project::name).toList()) + ")");
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCode.OK;
    }
}
