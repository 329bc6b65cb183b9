package dev.gantry.cli;

import dev.gantry.rollout.Time;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerException;
import dev.gantry.server.ServerLog;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The team server of {@code gantry demo --serve}: a {@code gantry serve} of the demo repository in a folder of its
 * own, with a token the demo's releases use and an account to log in to the dashboard with, both of the demo's
 * release lead.
 */
final class DemoServer implements AutoCloseable {

    static final String PROJECT = "demo";
    static final String LEAD = "Demo Lead";

    private final GantryServer server;
    private final Path data;
    private final Path tokenFile;
    private final String password;
    private final OutputStream log;

    private DemoServer(GantryServer server, Path data, Path tokenFile, String password, OutputStream log) {
        this.server = server;
        this.data = data;
        this.tokenFile = tokenFile;
        this.password = password;
        this.log = log;
    }

    /** Starts the server on a free port of this machine, on {@code time}; its log goes to a file of its folder. */
    static DemoServer start(Path repository, Time time) throws IOException, ServerException, ServerCallException {
        Path data = Files.createTempDirectory("gantry-demo-server-");
        OutputStream log = Files.newOutputStream(data.resolve("server.log"));
        GantryServer server = GantryServer.start(
                new ServerConfig(data, "127.0.0.1", 0, List.of(new Project(PROJECT, repository.toString()))),
                time,
                new ServerLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        try {
            ServerClient admin = ServerClient.of(
                    base(server), Files.readString(data.resolve("admin.token")).strip());
            String token = admin.issue(new TokenRequest(LEAD, List.of("operate", "approve"), 1))
                    .text();
            Path tokenFile = data.resolve("demo-lead.token");
            Files.writeString(
                    Files.createFile(
                            tokenFile,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    token + "\n");
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            admin.createAccount(new AccountRequest(LEAD, List.of("operate", "approve"), password));
            return new DemoServer(server, data, tokenFile, password, log);
        } catch (IOException | ServerCallException | RuntimeException e) {
            server.close();
            log.close();
            throw e;
        }
    }

    private static String base(GantryServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Where a browser opens the dashboard. */
    String dashboard() {
        return base(server) + "/";
    }

    String password() {
        return password;
    }

    Path data() {
        return data;
    }

    /** What {@code gantry release ENV} adds to talk to this server as the release lead. */
    List<String> releaseOptions() {
        return List.of("--server", base(server), "--project", PROJECT, "--token-file", tokenFile.toString());
    }

    /** The newest report the server wrote of {@code version} in {@code environment}, in the form {@code extension}. */
    Optional<Path> report(String version, String environment, String extension) throws IOException {
        Path folder =
                data.resolve("projects").resolve(PROJECT).resolve("reports").resolve("v" + version);
        if (!Files.isDirectory(folder)) return Optional.empty();
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().startsWith("report-" + environment + "-"))
                    .filter(f -> f.getFileName().toString().endsWith("." + extension))
                    .sorted()
                    .forEach(found::add);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    @Override
    public void close() throws IOException {
        server.close();
        log.close();
    }
}
