package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.files.RegularFile;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.JsonLimits;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.server.api.ApiJson;
import dev.gantry.server.api.FlagChangeView;
import dev.gantry.server.api.FlagSettingsRequest;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "set",
        mixinStandardHelpOptions = true,
        description = {
            "Replace a flag's strategies (with their constraints, segments and variants), its variants and its"
                    + " dependencies in an environment, from one feature in Unleash's shape. On or off stays as it"
                    + " is: use gantry flags on|off for that.",
            "The file holds one feature object as in Unleash's features list, or a whole client features document"
                    + " ({\"features\": [one feature], \"segments\": [...]}) when its strategies use segments."
                    + " Errors name the file, line, column and path; a file with an error changes nothing."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry flags set new-checkout --env production --file rollout-25.json --reason \"25%% of users\"",
            "",
            "rollout-25.json:",
            "  {\"name\": \"new-checkout\", \"strategies\": [{\"name\": \"flexibleRollout\",",
            "    \"parameters\": {\"rollout\": \"25\", \"stickiness\": \"userId\", \"groupId\": \"new-checkout\"}}]}"
        })
final class FlagsSetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FlagChange change;

    @Mixin
    ServerOptions server;

    @Option(names = "--file", required = true, paramLabel = "FEATURE.json", description = "The flag's settings.")
    Path file;

    private final Clock clock;

    FlagsSetCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        String json = read(file);
        String flag = change.flag;
        String environment = change.environment;
        FlagChangeView event = change.record(
                server,
                (states, plan, person) -> FlagChangeView.of(states.configure(
                        plan, environment, flag, json, file.toString(), person, change.reason, clock.instant())),
                (client, project) -> configure(
                        client, project, new FlagSettingsRequest(environment, change.reason, settings(json))));
        spec.commandLine()
                .getErr()
                .println(TerminalText.of(flag) + " in " + environment + " " + FlagsText.change(event.typed()) + " ("
                        + TerminalText.of(FlagsText.who(event)) + ")");
        return ExitCode.OK;
    }

    private FlagChangeView configure(ServerClient client, String project, FlagSettingsRequest request)
            throws ServerCallException {
        try {
            return client.configureFlag(project, change.flag, request)
                    .change()
                    .orElseThrow(() -> new ServerCallException(
                            0, "the server recorded no change of " + change.flag + " and said none"));
        } catch (ServerCallException e) {
            throw inFile(e);
        }
    }

    /**
     * The server's refusal of the settings with the file named where the server names the settings it was sent, as
     * the same refusal names it when the change is made here.
     */
    private ServerCallException inFile(ServerCallException e) {
        String place = FlagSettingsRequest.PLACE + ":";
        String message = e.getMessage();
        if (message == null || !message.startsWith(place)) return e;
        return new ServerCallException(e.status(), file + ":" + message.substring(place.length()), e.problem());
    }

    /** The file's text, read as the plan file is: a FIFO or a device is refused unopened, the size is bounded. */
    private String read(Path path) {
        String name = path.toString();
        try {
            byte[] bytes = RegularFile.read(
                    path, name, "a JSON file", JsonLimits.DEFAULT.maxChars(), "a flag's settings may have");
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (RegularFile.Refused e) {
            throw usage(e.getMessage());
        } catch (NoSuchFileException e) {
            throw usage(name + ": no such file");
        } catch (CharacterCodingException e) {
            throw usage(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw usage(name + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * The file's settings to send to a server, read here first: an error in them is named by the file's own lines
     * and columns, as it is when the change is made here.
     */
    private JsonNode settings(String json) {
        try {
            StateReader.readFeature(json);
            return ApiJson.mapper().readTree(json);
        } catch (InvalidJson e) {
            throw usage(file + ":" + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw usage(file + ": not JSON: " + e.getOriginalMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
