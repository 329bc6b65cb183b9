package dev.gantry.cli;

import dev.gantry.server.api.ProjectInfo;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of a command that can ask a Gantry server instead of the repository's own records: which server,
 * which of its projects, and the token to call it with (from {@code GANTRY_TOKEN} or a file, never an option, so
 * that it stays out of shell histories and process lists).
 */
final class ServerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--server",
            paramLabel = "URL",
            defaultValue = "${env:GANTRY_SERVER}",
            description = "Ask this Gantry server, such as https://gantry.example.com (default: $GANTRY_SERVER;"
                    + " without one, the repository's own records). The token comes from $GANTRY_TOKEN or"
                    + " --token-file.")
    String server;

    @Option(
            names = "--project",
            paramLabel = "NAME",
            defaultValue = "${env:GANTRY_PROJECT}",
            description = "The server's project (default: $GANTRY_PROJECT, or the server's only project).")
    String project;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            defaultValue = "${env:GANTRY_TOKEN_FILE}",
            description = "A file holding the token to call the server with (default: $GANTRY_TOKEN_FILE).")
    Path tokenFile;

    /**
     * Whether a server was asked for.
     *
     * @throws ParameterException when an option only a server uses was given without a server: the command would
     *     otherwise answer from the repository's own records while its caller believes it asked the server
     */
    boolean remote() {
        boolean named = server != null && !server.isBlank();
        if (!named) {
            picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            for (String option : List.of("--token-file", "--project")) {
                if (parsed != null && parsed.hasMatchedOption(option)) {
                    throw new ParameterException(
                            spec.commandLine(),
                            option + " is for a Gantry server, and no server is named: add --server URL or set"
                                    + " $GANTRY_SERVER");
                }
            }
        }
        return named;
    }

    /**
     * The client of the server asked for, with its token.
     *
     * @throws ParameterException when no server is named: the command has nothing to ask
     */
    ServerClient client() throws ServerCallException {
        if (!remote()) {
            throw new ParameterException(
                    spec.commandLine(),
                    spec.qualifiedName() + " works on a Gantry server: name it with --server URL or $GANTRY_SERVER");
        }
        return ServerClient.of(base(server), token());
    }

    /**
     * The server's address without the {@code /api/} that {@code gantry serve} prints after it: the API's paths are
     * found from the server's root.
     */
    static String base(String url) {
        String base = url.strip();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base.endsWith("/api") ? base.substring(0, base.length() - "/api".length()) : base;
    }

    /** The project asked for, or the server's only one. */
    String project(ServerClient client) throws ServerCallException {
        if (project != null && !project.isBlank()) return project.strip();
        List<ProjectInfo> projects = client.projects();
        if (projects.size() == 1) return projects.get(0).name();
        throw new ParameterException(
                spec.commandLine(),
                "say which project with --project NAME or $GANTRY_PROJECT; the server has: "
                        + String.join(
                                ", ", projects.stream().map(ProjectInfo::name).toList()));
    }

    /** What a token is: its text is checked here, so that a bad one is never sent, nor echoed in an error. */
    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("gantry_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");

    private String token() {
        if (tokenFile != null && !tokenFile.toString().isEmpty()) {
            String text;
            // A pipe or a device would be read until someone writes to it: a token file is a regular file.
            if (!Files.isRegularFile(tokenFile)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "the token file " + tokenFile
                                + (Files.exists(tokenFile) ? " is not a regular file" : " does not exist"));
            }
            try (java.io.InputStream in = Files.newInputStream(tokenFile)) {
                // A token is 63 characters; a file far longer is not a token file (and /dev/zero never ends).
                text = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ParameterException(
                        spec.commandLine(),
                        "cannot read the token file " + tokenFile + ": "
                                + (e.getMessage() == null || e.getMessage().equals(tokenFile.toString())
                                        ? e.getClass().getSimpleName()
                                        : e.getMessage()));
            }
            return checked(text.replace("\uFEFF", ""), "the token file " + tokenFile);
        }
        String token = System.getenv("GANTRY_TOKEN");
        if (token == null || token.isBlank()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "a server needs a token: set GANTRY_TOKEN, or GANTRY_TOKEN_FILE or --token-file to a file holding"
                            + " one (gantry token create issues them)");
        }
        return checked(token, "GANTRY_TOKEN");
    }

    private String checked(String text, String where) {
        String token = text.strip();
        if (!TOKEN.matcher(token).matches()) {
            throw new ParameterException(
                    spec.commandLine(),
                    where + " does not hold a Gantry token alone (gantry_, 12 hex digits, _, 43 characters, on one"
                            + " line)");
        }
        return token;
    }
}
