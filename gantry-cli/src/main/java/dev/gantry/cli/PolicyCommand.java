package dev.gantry.cli;

import dev.gantry.files.RegularFile;
import dev.gantry.policy.PolicyDocument;
import dev.gantry.server.api.PolicyView;
import dev.gantry.server.client.ServerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = {
            "Show or set a server project's release policy: the approvers (with counts) and blocker criteria every"
                    + " plan must keep, per environment and release type. It lives on the server, not in the"
                    + " repository; setting it needs a token with the admin scope."
        },
        subcommands = {PolicyCommand.Show.class, PolicyCommand.Set.class})
final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: show or set");
    }

    private static ServerClient client(ServerOptions server, CommandSpec spec) throws Exception {
        if (!server.remote()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "a policy lives on a Gantry server: name it with --server URL or $GANTRY_SERVER");
        }
        return server.client();
    }

    private static void print(PolicyView view, PrintWriter out, PrintWriter err) {
        err.println("policy \"" + TerminalText.of(view.name()) + "\" of project " + view.project() + ", sha256 "
                + view.hash() + ", set by " + TerminalText.of(view.setBy()) + " at " + view.setAt());
        for (String warning : view.warnings()) err.println("warning: " + TerminalText.of(warning));
        err.flush();
        out.print(TerminalText.of(view.document()));
        if (!view.document().endsWith("\n")) out.println();
        out.flush();
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {"Print the project's policy as it was set, and who set it when (on stderr)."})
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            ServerClient client = client(server, spec);
            print(
                    client.policy(server.project(client)),
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            return ExitCode.OK;
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = {
                "Set the project's policy from a YAML or JSON file, replacing the one before. The file is checked"
                        + " here first: every error is listed with its line and column, and nothing is sent."
            },
            footerHeading = "%nExample policy:%n",
            footer = {
                "  name: production-baseline",
                "  separateApprover: true",
                "  rules:",
                "    - environments: [production]",
                "      types: [minor, major]",
                "      approvers: [tech-lead, qa]",
                "      counts: { qa: 2 }",
                "      blockers: [junit, DEP-007]"
            })
    static final class Set implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(index = "0", paramLabel = "FILE", description = "The policy, YAML or JSON.")
        Path file;

        @Override
        public Integer call() throws Exception {
            String text;
            try {
                text = new String(
                        RegularFile.read(
                                file,
                                "policy file " + file,
                                "a YAML or JSON file",
                                PolicyDocument.MAX_CHARS,
                                "a policy may have"),
                        StandardCharsets.UTF_8);
            } catch (RegularFile.Refused e) {
                throw new IOException(e.getMessage());
            }
            PolicyDocument.parse(file, text);
            ServerClient client = client(server, spec);
            print(
                    client.setPolicy(server.project(client), text),
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            return ExitCode.OK;
        }
    }
}
