package dev.gantry.server;

import dev.gantry.coordinate.Coordinator;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.ApiJson;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Accounts;
import dev.gantry.server.auth.FormTokens;
import dev.gantry.server.auth.IssuedToken;
import dev.gantry.server.auth.OidcLogins;
import dev.gantry.server.auth.OidcProvider;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Sessions;
import dev.gantry.server.auth.Throttle;
import dev.gantry.server.auth.Tokens;
import dev.gantry.server.store.PostgresDatabase;
import dev.gantry.server.store.PostgresStore;
import dev.gantry.server.store.PostgresUrl;
import dev.gantry.store.H2Store;
import dev.gantry.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code gantry serve}: the API over the projects' records, for the people of a team and their CI, each with a token
 * of their own. Whenever no admin token is in force (its first start) the server makes one and writes it to {@code admin.token} in its data
 * folder, readable by its owner alone, to issue the others with.
 */
public final class GantryServer implements AutoCloseable {

    static final String ADMIN_TOKEN_FILE = "admin.token";

    /** Headers some frameworks take to change a request's method. */
    private static final List<String> METHOD_OVERRIDES =
            List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    static final String AUDIT_ANCHOR_FILE = "audit.anchor";

    private final Javalin app;
    private final ServerDatabase database;
    private final PostgresDatabase postgres; // null on the embedded database
    private final Projects projects;
    private final ServerRuns runs;
    private final RunFeeds feeds;
    private final FlagFeeds flagFeeds;
    private final List<Route> routes;
    private final Sessions sessions;
    private final ServerLog log;
    private final java.util.concurrent.ScheduledExecutorService sweeper =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "gantry-sweep");
                thread.setDaemon(true);
                return thread;
            });

    /** How often a server looks for runs that no server holds any more, at most. */
    static final java.time.Duration SWEEP = java.time.Duration.ofSeconds(30);

    /**
     * How often a server with leases of {@code lease} looks for runs to take up: often enough that a run another
     * replica stopped renewing is taken within about one and a half leases.
     */
    static java.time.Duration sweep(java.time.Duration lease) {
        java.time.Duration half = lease.dividedBy(2);
        return half.compareTo(SWEEP) < 0 ? half : SWEEP;
    }

    private GantryServer(
            Javalin app,
            ServerDatabase database,
            PostgresDatabase postgres,
            Projects projects,
            ServerRuns runs,
            RunFeeds feeds,
            FlagFeeds flagFeeds,
            List<Route> routes,
            Sessions sessions,
            ServerLog log) {
        this.feeds = feeds;
        this.flagFeeds = flagFeeds;
        this.sessions = sessions;
        this.log = log;
        this.app = app;
        this.database = database;
        this.postgres = postgres;
        this.projects = projects;
        this.runs = runs;
        this.routes = routes;
    }

    /** Opens the data folder and the projects, and listens; returns once the server answers. */
    public static GantryServer start(ServerConfig config, Time time, ServerLog log) throws ServerException {
        Clock clock = time.clock();
        ownFolder(config.data());
        PostgresDatabase postgres =
                config.database().isPresent() ? postgres(config.database().get(), log) : null;
        ServerDatabase database = null;
        Projects projects = null;
        RunFeeds feeds = null;
        FlagFeeds flagFeeds = null;
        Javalin app = null;
        try {
            database = postgres == null
                    ? ServerDatabase.embedded(config.data().resolve("server"))
                    : ServerDatabase.postgres(postgres);
            Tokens tokens = new Tokens(database.dataSource(), clock);
            // Replicas sharing a PostgreSQL have no one file that sees every append to anchor the log in.
            AuditLog audit = new AuditLog(
                    database.dataSource(),
                    postgres == null ? Optional.of(config.data().resolve(AUDIT_ANCHOR_FILE)) : Optional.empty());
            ProjectHome.Records records = postgres == null
                    ? (project, home) -> H2Store.open(home.resolve("state"))
                    : (project, home) -> PostgresStore.open(postgres, project.schema());
            projects = Projects.open(config.projects(), config.data(), records, log);
            // Each server is a coordinator of its own, also beside another in one process.
            byte[] instance = new byte[4];
            new java.security.SecureRandom().nextBytes(instance);
            Coordinator me =
                    Coordinator.thisProcess("server-" + java.util.HexFormat.of().formatHex(instance));
            log.say("coordinator " + me.id());
            if (!config.trustedProxies().isEmpty())
                log.say("client addresses from X-Forwarded-For when the peer is in "
                        + config.trustedProxies().stream()
                                .map(AddressRange::toString)
                                .toList());
            Policies policies = new Policies(database.dataSource());
            dev.gantry.server.auth.CallerCheck callers =
                    new dev.gantry.server.auth.CallerCheck(database.dataSource(), clock);
            feeds = new RunFeeds(events -> ApiHandlers.views(events, 0), callers::lapsed, log);
            // Flag changes made through this server reach the streams at once; others within a look of the feed.
            flagFeeds = new FlagFeeds(callers::lapsed, log);
            feeds.alsoRecheck(flagFeeds::recheck);
            FlagAudits flagAudits = new FlagAudits(audit, log);
            ServerRuns runs = new ServerRuns(config.data(), time, me, config.lease(), policies, feeds, flagAudits, log);
            Accounts accounts = new Accounts(database.dataSource(), clock);
            // The tables of who may do what are held against the entries that made them.
            audit.vouchFor(new VouchedTokens(tokens));
            audit.vouchFor(new VouchedAccounts(accounts));
            Sessions sessions = new Sessions(database.dataSource(), clock);
            // Wrong tokens and wrong passwords from one address count together; wrong passwords for one person too.
            Throttle addresses = new Throttle(clock);
            Throttle people = new Throttle(clock);
            List<Route> routes = new java.util.ArrayList<>(
                    new ApiHandlers(projects, tokens, audit, runs, policies, feeds, time, version()).routes());
            routes.addAll(
                    new AccountHandlers(accounts, sessions, people, addresses, audit, clock, feeds::recheck).routes());
            ServerFlags flags = new ServerFlags(audit, flagAudits, clock, flagFeeds::changed);
            routes.addAll(new FlagHandlers(projects, flags).routes());
            OidcLogins oidcLogins = new OidcLogins(database.dataSource(), clock);
            Optional<OidcPages> oidc = config.oidc()
                    .map(settings -> new OidcPages(
                            new OidcProvider(settings, clock),
                            oidcLogins,
                            accounts,
                            sessions,
                            addresses,
                            audit,
                            log,
                            clock));
            routes.addAll(new LoginPages(
                            accounts,
                            sessions,
                            addresses,
                            people,
                            audit,
                            log,
                            clock,
                            oidc.map(OidcPages::link),
                            formTokens(database, clock),
                            feeds::recheck)
                    .routes());
            if (oidc.isPresent()) routes.addAll(oidc.get().routes());
            routes.addAll(new UnleashHandlers(projects, flagFeeds, new FlagUsage(database.dataSource()), clock, log)
                    .routes());
            routes.addAll(new Pages(projects, audit, policies, feeds, time, config.data()).routes());
            routes.addAll(new FlagPages(projects, flags).routes());
            routes = List.copyOf(routes);
            boolean behindTls = config.publicUrl()
                    .filter(url -> "https".equals(url.getScheme()))
                    .isPresent();
            app = javalin(
                    routes,
                    new Access(tokens, sessions, addresses, audit, log, clock),
                    behindTls,
                    new ClientAddress(config.trustedProxies()),
                    log);
            app.start(config.bind(), config.port());
            // Written once everything else started, so that a start that fails leaves no token behind.
            firstAdminToken(tokens, audit, clock, config.data(), log);
            GantryServer server =
                    new GantryServer(app, database, postgres, projects, runs, feeds, flagFeeds, routes, sessions, log);
            // A run the server was stopped in the middle of goes on from its events; one another server stopped
            // running (its lease ran out) is taken by the next sweep.
            server.takeUpRuns();
            // Release tags a push failed for, or that a stop cut off before their push, go to the origin now.
            for (ProjectHome home : projects.all()) runs.pushTagsOwed(home);
            long sweep = sweep(config.lease()).toMillis();
            server.sweeper.scheduleWithFixedDelay(
                    server::takeUpRuns, sweep, sweep, java.util.concurrent.TimeUnit.MILLISECONDS);
            long renew = config.lease().toMillis() / 3;
            server.sweeper.scheduleWithFixedDelay(
                    runs::renewLeases, renew, renew, java.util.concurrent.TimeUnit.MILLISECONDS);
            return server;
        } catch (ServerException | RuntimeException e) {
            if (app != null) app.stop();
            if (feeds != null) feeds.close();
            if (flagFeeds != null) flagFeeds.close();
            if (projects != null) projects.close();
            if (database != null) database.close();
            if (postgres != null) postgres.close();
            if (e instanceof RuntimeException r && !(e instanceof io.javalin.util.JavalinBindException)) throw r;
            throw e instanceof ServerException s ? s : new ServerException(e.getMessage(), e);
        }
    }

    private static FormTokens formTokens(ServerDatabase database, Clock clock) throws ServerException {
        try {
            return FormTokens.of(database.dataSource(), clock);
        } catch (SQLException e) {
            throw new ServerException("cannot read or make the key of the login form: " + e.getMessage(), e);
        }
    }

    /** The data folder holds tokens, the admin token and clones: its owner alone may enter it. */
    private static void ownFolder(Path data) throws ServerException {
        try {
            boolean posix = java.nio.file.Files.getFileAttributeView(
                            data.toAbsolutePath().getParent(), java.nio.file.attribute.PosixFileAttributeView.class)
                    != null;
            boolean empty;
            try (var entries = java.nio.file.Files.list(data)) {
                empty = entries.findAny().isEmpty();
            } catch (java.nio.file.NoSuchFileException e) {
                empty = false;
            }
            if (java.nio.file.Files.isDirectory(data) && !empty) {
                // A folder that holds others' files is not made private behind their back: the server wants its own.
                if (posix) {
                    var permissions = java.nio.file.Files.getPosixFilePermissions(data);
                    var others = java.util.EnumSet.copyOf(permissions);
                    others.removeAll(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                    if (!others.isEmpty()) {
                        throw new ServerException("the data folder " + data + " is open to others ("
                                + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                                + "): give the server a folder of its own, or chmod 700 it");
                    }
                }
                return;
            }
            // A new or empty folder becomes the server's own.
            java.nio.file.Files.createDirectories(data);
            if (posix) {
                java.nio.file.Files.setPosixFilePermissions(
                        data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
        } catch (java.io.IOException e) {
            throw new ServerException("cannot make the server's data folder " + data + ": " + e.getMessage(), e);
        }
    }

    private static PostgresDatabase postgres(String url, ServerLog log) throws ServerException {
        PostgresUrl parsed;
        try {
            parsed = PostgresUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ServerException("--database: " + e.getMessage(), e);
        }
        try {
            PostgresDatabase database = PostgresDatabase.connect(parsed);
            log.say("records in " + parsed);
            return database;
        } catch (StoreException e) {
            throw new ServerException(e.getMessage(), e);
        }
    }

    private static Javalin javalin(
            List<Route> routes, Access access, boolean behindTls, ClientAddress clients, ServerLog log) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
            config.http.maxRequestSize = RequestBodies.MOST_BYTES;
            // A request Jetty refuses before any handler (a bad escape in its path) is answered as the API answers.
            config.jetty.modifyServer(server -> server.setErrorHandler(new ApiErrorHandler()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new ApiErrorHandler()));
        });
        // Jetty answers HEAD for a GET route without running it, and so without its token check.
        app.before(ctx -> {
            clients.mark(ctx);
            if (behindTls) ctx.attribute(SessionCookie.BEHIND_TLS, true);
            if (!api(ctx)) Pages.HEADERS.forEach(ctx::header);
            // Answers carry tokens, CSRF tokens and records: no cache keeps them.
            else ctx.header("Cache-Control", "no-store");
            if (ctx.method() == io.javalin.http.HandlerType.HEAD)
                throw new ApiException(405, "HEAD is not served; ask with GET");
            // A request is what its method says: one that asks to be taken for another would slip past rules that
            // proxies and logs keep by method.
            for (String header : METHOD_OVERRIDES) {
                if (ctx.header(header) != null)
                    throw ApiException.badRequest(header + " is not served: send the request with its own method");
            }
        });
        for (Route route : routes) {
            Handler handler = route.scope().isEmpty()
                    ? route.handler()
                    : ctx -> {
                        access.check(ctx, route.scope().get(), route.unleash());
                        route.handler().handle(ctx);
                    };
            app.addHttpHandler(route.method(), route.path(), handler);
        }
        // The API answers its errors in JSON, the dashboard's pages in a page; a page asked for by someone not
        // logged in sends them to the login form.
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.location().isPresent()) ctx.redirect(e.location().get(), io.javalin.http.HttpStatus.SEE_OTHER);
            else if (api(ctx)) ctx.status(e.status()).json(e.body());
            else ctx.status(e.status()).html(Pages.error(ctx, e.status(), e.getMessage()));
        });
        // Javalin's own refusals (a body over the limit) are answered as the server's own are.
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
            String message = e instanceof io.javalin.http.ContentTooLargeResponse
                    ? RequestBodies.tooLarge(ctx.req().getContentLengthLong()).getMessage()
                    : e.getMessage();
            if (api(ctx)) ctx.status(e.getStatus()).json(ApiHandlers.error(message));
            else ctx.status(e.getStatus()).html(Pages.error(ctx, e.getStatus(), message));
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("error in " + ctx.method() + " " + ctx.path(), e);
            String message = "the server failed to answer; its log says why";
            if (api(ctx)) ctx.status(500).json(ApiHandlers.error(message));
            else ctx.status(500).html(Pages.error(ctx, 500, message));
        });
        app.error(404, ctx -> {
            // Javalin's own answer to an unknown path is plain text.
            String type = String.valueOf(ctx.res().getContentType());
            if (type.startsWith("application/json") || type.startsWith("text/html")) return;
            String message = "no such endpoint: " + ctx.method() + " " + ctx.path();
            if (api(ctx)) ctx.json(ApiHandlers.error(message));
            else ctx.html(Pages.error(ctx, 404, "no such page: " + ctx.path()));
        });
        return app;
    }

    private static boolean api(io.javalin.http.Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    /**
     * When no admin token is in force (the first start, or every admin token expired), a new one in the data folder:
     * the way in for whoever runs the server.
     */
    private static void firstAdminToken(Tokens tokens, AuditLog audit, Clock clock, Path data, ServerLog log)
            throws ServerException {
        try {
            java.time.Instant now = clock.instant();
            if (tokens.all().stream().anyMatch(t -> t.validAt(now) && t.allows(Scope.ADMIN))) return;
            audit.requireIntact();
            IssuedToken admin = tokens.issue("admin", EnumSet.of(Scope.ADMIN), Tokens.LONGEST);
            audit.append(
                    clock.instant(), "gantry serve", AuditAction.TOKEN_ISSUED, "", ApiHandlers.subject(admin.token()));
            Path file = data.resolve(ADMIN_TOKEN_FILE);
            writeOwnerOnly(file, admin.text() + "\n");
            log.say("no admin token was in force: one is in " + file
                    + "; issue tokens with it (gantry token create), then delete the file");
        } catch (SQLException | java.io.IOException e) {
            throw new ServerException("cannot make the first admin token: " + e.getMessage(), e);
        }
    }

    /** Writes a file that only the server's user may read, all at once. */
    private static void writeOwnerOnly(Path file, String text) throws java.io.IOException {
        // A temporary file is created readable by its owner alone, before anything is written to it.
        Path temp = java.nio.file.Files.createTempFile(file.toAbsolutePath().getParent(), ".admin", ".tmp");
        try {
            java.nio.file.Files.writeString(temp, text);
            java.nio.file.Files.move(
                    temp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            java.nio.file.Files.deleteIfExists(temp);
        }
    }

    private static String version() {
        String version = GantryServer.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /**
     * Takes up now the unfinished runs that no live server holds: those this server was stopped in the middle of,
     * and those whose server stopped renewing its lease. It does so by itself at start and every {@link #sweep}.
     */
    public void takeUpRuns() {
        for (ProjectHome home : projects.all()) runs.takeUp(home);
        try {
            sessions.sweep();
        } catch (java.sql.SQLException e) {
            log.error("cannot forget the sessions that ended", e);
        }
    }

    public int port() {
        return app.port();
    }

    /** Where the API is reached, such as {@code http://127.0.0.1:8080/}. */
    public URI address(String host) {
        return URI.create("http://" + host + ":" + port() + "/");
    }

    List<Route> routes() {
        return routes;
    }

    /**
     * The streams of flag states that SDKs follow: {@link FlagFeeds#changed} brings a project's streams up to date at
     * once after a change made through this server (other changes are found within {@link FlagFeeds#EVERY}).
     */
    public FlagFeeds flagFeeds() {
        return flagFeeds;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        app.stop();
        feeds.close();
        flagFeeds.close();
        runs.close();
        projects.close();
        database.close();
        if (postgres != null) postgres.close();
    }
}
