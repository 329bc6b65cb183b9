package dev.gantry.cli;

import dev.gantry.server.client.ServerCallException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The flag commands' calls to a server: what it refuses of the request is a usage error, as the same refusal here. */
final class RemoteFlags {

    private RemoteFlags() {}

    interface Call<T> {
        T call() throws ServerCallException;
    }

    static <T> T call(CommandSpec spec, Call<T> call) throws ServerCallException {
        try {
            return call.call();
        } catch (ServerCallException e) {
            // An unknown flag or environment, no reason, settings it cannot take: the request's fault, as locally.
            if (e.status() == 400 || e.status() == 404 || e.status() == 422)
                throw new ParameterException(spec.commandLine(), TerminalText.of(e.getMessage()));
            throw e;
        }
    }
}
