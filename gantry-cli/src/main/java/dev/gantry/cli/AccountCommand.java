package dev.gantry.cli;

import dev.gantry.server.api.AccountInfo;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.PasswordChange;
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
        name = "account",
        mixinStandardHelpOptions = true,
        description = {
            "Create, list and remove a Gantry server's local accounts (needs a token with the admin scope), whose"
                    + " people log in to its pages with a password; change your own password."
        },
        subcommands = {
            AccountCommand.Create.class,
            AccountCommand.ListAccounts.class,
            AccountCommand.Remove.class,
            AccountCommand.Password.class
        })
final class AccountCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: create, list, remove or password");
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Create an account. Its first password is asked at the terminal without echo, or read from the first"
                        + " line of standard input: at least 12 characters, at most 1024 bytes, not the person's"
                        + " name. The server keeps only its argon2id hash. Scopes as for tokens: read, approve,"
                        + " operate, admin."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  gantry account create --person \"Priya Shah\" --scope approve",
                "  pass show gantry/priya | gantry account create --person \"Priya Shah\" --scope approve,operate"
            })
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Option(names = "--person", paramLabel = "NAME", required = true, description = "Who logs in with it.")
        String person;

        @Option(
                names = "--scope",
                paramLabel = "SCOPE",
                split = ",",
                required = true,
                description = "read, approve, operate or admin; several separated by commas.")
        List<String> scopes = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Runs.personText(spec, "--person", person, true);
            var client = server.client();
            String password = new PasswordInput(spec).fresh("password for " + person + ": ");
            AccountInfo account = client.createAccount(new AccountRequest(person, scopes, password));
            spec.commandLine()
                    .getErr()
                    .println("account of " + TerminalText.of(account.person()) + " ("
                            + String.join(", ", account.scopes()) + ")");
            return ExitCode.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {"List every account, without passwords or their hashes."})
    static final class ListAccounts implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            TextTable table = new TextTable("PERSON", "SCOPES", "CREATED", "PASSWORD CHANGED");
            for (AccountInfo account : server.client().accounts()) {
                table.row(
                        TerminalText.of(account.person()),
                        String.join(",", account.scopes()),
                        account.created().toString(),
                        account.passwordChanged().toString());
            }
            spec.commandLine().getOut().print(table);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = {"Remove an account: its sessions end at once; its person's tokens stay until revoked."},
            footerHeading = "%nExamples:%n",
            footer = {"  gantry account remove \"Priya Shah\""})
    static final class Remove implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(
                index = "0",
                paramLabel = "PERSON",
                description = "The account's person, as gantry account list shows it.")
        String person;

        @Override
        public Integer call() throws Exception {
            server.client().removeAccount(person);
            spec.commandLine().getErr().println("removed the account of " + TerminalText.of(person));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "password",
            mixinStandardHelpOptions = true,
            description = {
                "Change the password of your own account (the token's person): the current one, then the new one, are"
                        + " asked at the terminal without echo, or read from standard input, one per line."
            })
    static final class Password implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            var client = server.client();
            PasswordInput input = new PasswordInput(spec);
            String current = input.once("current password: ");
            String fresh = input.fresh("new password: ");
            client.changePassword(new PasswordChange(current, fresh));
            spec.commandLine().getErr().println("password changed");
            return ExitCode.OK;
        }
    }
}
