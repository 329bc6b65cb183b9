package dev.gantry.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code gantry serve} started by a launcher on one project, for benchmarks that measure it from outside: its
 * address, its admin token, JSON calls with a token, and its log; stopped when closed.
 */
public final class ServedGantry implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/api/.*");
    private static final Pattern TOKEN = Pattern.compile("\"text\":\"([^\"]+)\"");

    private final Path dir;
    private final Process process;
    private final String base;

    private ServedGantry(Path dir, Process process, String base) {
        this.dir = dir;
        this.process = process;
        this.base = base;
    }

    /** Starts {@code launcher serve} with its data in {@code dir} and the project {@code shop} at {@code repo}. */
    public static ServedGantry start(String launcher, Path dir, Path repo) throws Exception {
        Process process = new ProcessBuilder(
                        launcher,
                        "serve",
                        "--data",
                        dir.resolve("data").toString(),
                        "--port",
                        "0",
                        "--project",
                        "shop=" + repo)
                .redirectError(dir.resolve("server.log").toFile())
                .start();
        String first =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher serving = SERVING.matcher(first == null ? "" : first);
        if (!serving.matches()) {
            process.destroyForcibly();
            throw new IllegalStateException(launcher + ": the server did not start: " + first + "\n"
                    + Files.readString(dir.resolve("server.log")));
        }
        return new ServedGantry(dir, process, serving.group(1));
    }

    /** {@code http://127.0.0.1:PORT}, without a path. */
    public String base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    /** A new token of Mark Liu's with the {@code operate} scope, for a day. */
    public String operatorToken(HttpClient http) throws Exception {
        String admin = Files.readString(dir.resolve("data/admin.token")).strip();
        return match(
                TOKEN,
                post(http, "/api/tokens", admin, "{\"person\":\"Mark Liu\",\"scopes\":[\"operate\"],\"days\":1}"));
    }

    /** The answer of a POST of {@code body}; any status but 2xx is an error. */
    public String post(HttpClient http, String path, String token, String body) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2)
            throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
        return answer.body();
    }

    public String get(HttpClient http, String path, String token) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    public String log() throws Exception {
        return Files.readString(dir.resolve("server.log"));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    /**
     * Makes {@code repo} a git repository with the scripts a bench plan uses: {@code deploy.sh}, which does nothing,
     * and {@code metric.sh}, which prints {@code metric} at every sample.
     */
    public static void scripts(Path repo, String metric) throws Exception {
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        executable(repo.resolve("deploy.sh"), "#!/bin/sh\nexit 0\n");
        executable(repo.resolve("metric.sh"), "#!/bin/sh\necho " + metric + "\n");
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs git in {@code repo} as a bench user; a failure is an error. */
    public static void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).inheritIO().start();
        if (git.waitFor() != 0) throw new IllegalStateException("git " + String.join(" ", args) + " failed");
    }

    /** The first group of the pattern's first match; an error when there is none. */
    public static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) throw new IllegalStateException("no " + pattern + " in " + text);
        return m.group(1);
    }

    /** The value at or above a share {@code p} of the values, -1 for none. */
    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) return -1;
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
}
