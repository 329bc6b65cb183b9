package dev.gantry.cli;

import dev.gantry.evidence.EvidencePath;
import dev.gantry.evidence.EvidenceService;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Evidence;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "evidence",
        mixinStandardHelpOptions = true,
        description = {
            "Upload the files CI made for a commit (JUnit, SARIF, benchmark results...) to a Gantry server, and list"
                    + " them. The server's gate of that commit reads them where the plan's criteria name them."
        },
        subcommands = {EvidenceCommand.Upload.class, EvidenceCommand.ListEvidence.class})
final class EvidenceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: upload or list");
    }

    /** The server's client; evidence lives on a server only. */
    static ServerClient client(ServerOptions server, CommandSpec spec) throws Exception {
        if (!server.remote()) {
            throw new ParameterException(
                    spec.commandLine(), "evidence is kept by a Gantry server: give --server URL or set GANTRY_SERVER");
        }
        return server.client();
    }

    /** {@code ref} as given, else HEAD of the repository here, in full. */
    static String commit(Workspace workspace, String ref, CommandSpec spec) {
        if (ref != null && !ref.isBlank()) return ref.strip();
        try {
            return workspace.repository().resolve("HEAD");
        } catch (dev.gantry.git.GitException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "say which commit with --commit SHA, or run this in a checkout of the project (" + e.getMessage()
                            + ")");
        }
    }

    @Command(
            name = "upload",
            mixinStandardHelpOptions = true,
            description = {
                "Upload FILES as evidence for the commit, each at its path in the repository (run this in the"
                        + " repository, or give --repo). A file uploaded again for the same commit replaces the"
                        + " earlier one in the gate; the server keeps both, and who uploaded each and when.",
                "Needs a token with the evidence scope. At most 20 MiB a file."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  gantry evidence upload --commit $CI_COMMIT_SHA build/test-results/test/*.xml build/codeql.sarif",
            })
    static final class Upload implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Workspace workspace;

        @Mixin
        ServerOptions server;

        @Option(
                names = "--commit",
                paramLabel = "SHA",
                description = "The commit the files were made from (default: HEAD of the repository here).")
        String commit;

        @Parameters(arity = "1..*", paramLabel = "FILES", description = "The files, inside the repository.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            ServerClient client = client(server, spec);
            Path root = workspace.repository().root().toAbsolutePath().normalize();
            List<String> paths = new ArrayList<>();
            // Every file is checked before the first is sent, so that a bad one leaves nothing half uploaded.
            for (Path file : files) {
                Path absolute = file.toAbsolutePath().normalize();
                if (!absolute.startsWith(root)) {
                    throw new ParameterException(
                            spec.commandLine(),
                            file + " lies outside the repository " + root + ": evidence is named by its path in it");
                }
                if (!Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ParameterException(
                            spec.commandLine(),
                            file + (Files.exists(absolute) ? " is not a regular file" : " does not exist"));
                }
                if (Files.size(absolute) > EvidenceService.MAX_BYTES) {
                    throw new ParameterException(
                            spec.commandLine(),
                            file + " is larger than " + (EvidenceService.MAX_BYTES >> 20)
                                    + " MiB, the most an evidence file may hold");
                }
                String relative = root.relativize(absolute).toString().replace('\\', '/');
                try {
                    paths.add(EvidencePath.parse(relative).value());
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), file + ": " + e.getMessage());
                }
            }
            String project = server.project(client);
            String sha = commit(workspace, commit, spec);
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < paths.size(); i++) {
                Evidence.Upload upload = client.uploadEvidence(project, sha, paths.get(i), root.resolve(paths.get(i)));
                out.println("uploaded " + upload.path() + " (" + upload.size() + " bytes, sha256 "
                        + upload.sha256().substring(0, 12) + ") for commit "
                        + upload.commit().substring(0, 7));
                out.flush();
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {"List the evidence uploaded for the commit: the newest upload of each path."},
            footerHeading = "%nExamples:%n",
            footer = {"  gantry evidence list --commit 3f2c1a9"})
    static final class ListEvidence implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Workspace workspace;

        @Mixin
        ServerOptions server;

        @Option(
                names = "--commit",
                paramLabel = "SHA",
                description = "The commit (default: HEAD of the repository here).")
        String commit;

        @Override
        public Integer call() throws Exception {
            ServerClient client = client(server, spec);
            String project = server.project(client);
            String sha = commit(workspace, commit, spec);
            List<Evidence.Upload> uploads = client.evidence(project, sha);
            PrintWriter out = spec.commandLine().getOut();
            if (uploads.isEmpty()) {
                out.println("no evidence uploaded for commit " + sha);
            } else {
                TextTable table = new TextTable("PATH", "SIZE", "SHA-256", "BY", "AT");
                for (Evidence.Upload u : uploads) {
                    table.row(
                            u.path(), Long.toString(u.size()), u.sha256().substring(0, 12), u.by(), u.at().toString());
                }
                out.print(table);
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
