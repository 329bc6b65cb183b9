package dev.gantry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the gantry command line as a child process, as a user's shell would. */
final class GantryProcess {

    record Result(int exitCode, String out, String err) {}

    private GantryProcess() {}

    static Result run(Path workingDir, String... args) {
        return runWith(workingDir, java.util.Map.of(), args);
    }

    /** Starts the command without waiting for it, for tests that kill it midway. */
    static Process start(Path workingDir, String... args) throws IOException {
        return new ProcessBuilder(command(args))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Starts Gantry with its output (both streams) written to {@code log}, to show when a test fails. */
    static Process startLogged(Path workingDir, Path log, String... args) throws IOException {
        return new ProcessBuilder(command(args))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Starts Gantry with its output (both streams) to read as it runs. */
    static Process startReading(Path workingDir, String... args) throws IOException {
        return new ProcessBuilder(command(args))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .start();
    }

    private static List<String> command(String... args) {
        List<String> command = ChildJvm.quick();
        command.addAll(List.of(args));
        return command;
    }

    /** Runs with these environment variables added to the test's own. */
    static Result runWith(Path workingDir, java.util.Map<String, String> environment, String... args) {
        return runWithInput(workingDir, environment, "", args);
    }

    /** Runs with these environment variables added, and {@code input} as its standard input. */
    static Result runWithInput(
            Path workingDir, java.util.Map<String, String> environment, String input, String... args) {
        List<String> command = command(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            return new Result(process.waitFor(), out, err.join());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
