package dev.gantry.cli;

import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenInfo;
import dev.gantry.server.api.TokenRequest;
import java.io.PrintWriter;
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
        name = "token",
        mixinStandardHelpOptions = true,
        description = {"Issue, list and revoke a Gantry server's API tokens (needs a token with the admin scope)."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: create, list or revoke");
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Issue a token for a person or for CI and print it: the server shows it this once and keeps only its"
                        + " hash. Scopes: read (status, history), approve (approve and tick as that person),"
                        + " operate (run releases), evidence (upload CI's files for a commit), admin (everything,"
                        + " tokens too)."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  gantry token create --server https://gantry.example.com --person \"Priya Shah\" --scope approve",
                "  gantry token create --person CI --scope evidence,operate --days 30 > ci.token"
            })
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Option(names = "--person", paramLabel = "NAME", required = true, description = "Whom the token acts as.")
        String person;

        @Option(
                names = "--scope",
                paramLabel = "SCOPE",
                split = ",",
                required = true,
                description =
                        "read, approve, operate, evidence (for CI uploading evidence) or admin; several separated by commas.")
        List<String> scopes = new ArrayList<>();

        @Option(names = "--days", paramLabel = "N", description = "How many days it lives, 1 to 366 (default: 90).")
        int days = 90;

        @Override
        public Integer call() throws Exception {
            Runs.personText(spec, "--person", person, true);
            if (days < 1 || days > 366)
                throw new ParameterException(spec.commandLine(), "--days is 1 to 366, not " + days);
            NewToken issued = server.client().issue(new TokenRequest(person, scopes, days));
            PrintWriter out = spec.commandLine().getOut();
            out.println(issued.text());
            out.flush();
            spec.commandLine()
                    .getErr()
                    .println("token " + issued.token().id() + " for "
                            + issued.token().person() + " ("
                            + String.join(", ", issued.token().scopes()) + ") until "
                            + issued.token().expires()
                            + "; it is shown only this once");
            return ExitCode.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List every token issued, in force or not, without their secrets, with when and from which address"
                        + " each was last used."
            })
    static final class ListTokens implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            TextTable table =
                    new TextTable("ID", "PERSON", "SCOPES", "CREATED", "EXPIRES", "REVOKED", "LAST USED", "FROM");
            for (TokenInfo token : server.client().tokens()) {
                table.row(
                        token.id(),
                        TerminalText.of(token.person()),
                        String.join(",", token.scopes()),
                        token.created().toString(),
                        token.expires().toString(),
                        token.revoked().map(Object::toString).orElse(""),
                        token.lastUsed().map(Object::toString).orElse(""),
                        token.lastAddress().map(TerminalText::of).orElse(""));
            }
            spec.commandLine().getOut().print(table);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = {"Revoke a token at once: its next request is refused."},
            footerHeading = "%nExamples:%n",
            footer = {"  gantry token revoke 3f9a0c12d4e5"})
    static final class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(index = "0", paramLabel = "ID", description = "The token's id, as gantry token list shows it.")
        String id;

        @Override
        public Integer call() throws Exception {
            server.client().revoke(id);
            spec.commandLine().getErr().println("revoked token " + id);
            return ExitCode.OK;
        }
    }
}
