package dev.gantry.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the git command line. Chosen over JGit because a one-shot command pays the JVM start once already,
 * and git's own plumbing answers reachability over thousands of tags faster than opening a JGit repository.
 */
final class GitCli {

    record Result(int exitCode, String out, String err) {}

    private final Path dir;

    GitCli(Path dir) {
        this.dir = dir;
    }

    String run(String... args) {
        Result result = tryRun(args);
        if (result.exitCode() != 0) {
            throw new GitException("git " + String.join(" ", args) + ": exited " + result.exitCode() + ": "
                    + result.err().strip());
        }
        return result.out();
    }

    Result tryRun(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Messages and dates must not depend on the user's locale or pager.
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("GIT_PAGER", "cat");
        // A push or fetch that would ask for a password fails at once instead of waiting for a terminal.
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().remove("GIT_DIR");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GitException("cannot run git: " + e.getMessage() + " (is git installed and on PATH?)", e);
        }
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            process.getOutputStream().close();
            byte[] out = readAll(process.getInputStream());
            int code = process.waitFor();
            return new Result(
                    code, new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GitException("git " + String.join(" ", args) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitException("git " + String.join(" ", args) + ": interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
