package dev.gantry.local.proxy;

import dev.gantry.local.metrics.ProxyMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the proxy as a process of its own, so it outlives the Gantry process that steers it:
 *
 * <pre>
 * java -cp gantry.jar dev.gantry.local.proxy.ProxyMain --port 8080 --admin-port 0 \
 *     --stable 127.0.0.1:8081,127.0.0.1:8082 --stable-version 1.0.0 \
 *     --canary 127.0.0.1:8091 --canary-version 1.1.0 --weight 10 \
 *     --sticky-header X-User --state-file .gantry/local/proxy.json
 * </pre>
 *
 * <p>Prints {@code listening on PORT admin ADMIN_PORT} once both ports accept connections, after the state file is
 * written. On SIGTERM it removes the state file and stops.
 */
public final class ProxyMain {

    private static final Set<String> NAMES = Set.of(
            "host",
            "port",
            "admin-port",
            "stable",
            "stable-version",
            "canary",
            "canary-version",
            "weight",
            "sticky-header",
            "sticky-cookie",
            "io-threads",
            "state-file");

    private ProxyMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options;
        try {
            options = options(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("proxy: " + e.getMessage());
            System.exit(2);
            return;
        }
        WeightedProxy proxy;
        try {
            proxy = start(options);
        } catch (IllegalArgumentException | ProxyException e) {
            System.err.println("proxy: " + e.getMessage());
            System.exit(e instanceof ProxyException ? 1 : 2);
            return;
        }
        Optional<Path> stateFile =
                Optional.ofNullable(options.get("state-file")).map(Path::of);
        RunningProxy self = RunningProxy.current(proxy.port(), proxy.adminPort().orElse(-1));
        if (stateFile.isPresent()) self.write(stateFile.get());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(proxy, stateFile, self), "proxy-stop"));
        System.out.println(
                "listening on " + proxy.port() + " admin " + proxy.adminPort().orElse(-1));
        System.out.flush();
        proxy.awaitClosed();
    }

    static WeightedProxy start(Map<String, String> options) {
        ProxyConfig config = ProxyConfig.defaults()
                .withHost(options.getOrDefault("host", "127.0.0.1"))
                .withPort(number(options, "port", 0))
                .withAdminPort(number(options, "admin-port", 0));
        if (options.containsKey("io-threads")) config = config.withIoThreads(number(options, "io-threads", 1));
        if (options.containsKey("sticky-header") && options.containsKey("sticky-cookie")) {
            throw new IllegalArgumentException("--sticky-header and --sticky-cookie: give one of them, not both");
        }
        if (options.containsKey("sticky-header"))
            config = config.withSticky(Stickiness.header(options.get("sticky-header")));
        if (options.containsKey("sticky-cookie"))
            config = config.withSticky(Stickiness.cookie(options.get("sticky-cookie")));
        Pool stable = pool(options, "stable");
        Pool canary = pool(options, "canary");
        return WeightedProxy.start(
                config, stable, canary, number(options, "weight", 0), new ProxyMetrics(Clock.systemUTC()));
    }

    private static Pool pool(Map<String, String> options, String track) {
        String version = options.getOrDefault(track + "-version", track);
        try {
            return new Pool(version, HostPort.parseList(options.getOrDefault(track, "")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + track + ": " + e.getMessage());
        }
    }

    private static void stop(WeightedProxy proxy, Optional<Path> stateFile, RunningProxy self) {
        try {
            // A newer proxy may have taken the file over: only our own record is removed.
            if (stateFile.isPresent()
                    && RunningProxy.read(stateFile.get()).map(self::equals).orElse(false)) {
                Files.deleteIfExists(stateFile.get());
            }
        } catch (IOException e) {
            System.err.println("proxy: cannot remove " + stateFile.get() + ": " + e.getMessage());
        }
        proxy.close();
    }

    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || !NAMES.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown argument \"" + arg + "\": expected one of --"
                        + String.join(", --", NAMES.stream().sorted().toList()));
            }
            if (i + 1 >= args.size()) throw new IllegalArgumentException(arg + ": missing its value");
            options.put(arg.substring(2), args.get(++i));
        }
        return options;
    }

    private static int number(Map<String, String> options, String name, int fallback) {
        String text = options.get(name);
        if (text == null) return fallback;
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": expected a whole number, got \"" + text + "\"");
        }
    }
}
