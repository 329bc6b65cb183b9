package dev.gantry.local.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the demo service behaves: where it listens, which version it says it is, and which share of requests fail
 * or are slow. Each option may also come from the environment ({@code GANTRY_DEMO_PORT}, {@code
 * GANTRY_DEMO_VERSION}, {@code GANTRY_DEMO_FAIL_RATE}, {@code GANTRY_DEMO_SLOW_MS}, {@code GANTRY_DEMO_SLOW_RATE});
 * an argument wins over the environment.
 */
public record DemoOptions(int port, String version, double failRate, int slowMs, double slowRate) {

    private static final Set<String> NAMES = Set.of("port", "version", "fail-rate", "slow-ms", "slow-rate");

    public DemoOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port: expected 0 to 65535, got " + port);
        if (version == null || version.isBlank()) throw new IllegalArgumentException("--version: missing");
        checkRate("--fail-rate", failRate);
        checkRate("--slow-rate", slowRate);
        if (slowMs < 0) throw new IllegalArgumentException("--slow-ms: expected 0 or more, got " + slowMs);
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + ": expected a share between 0 and 1, got " + rate);
        }
    }

    /** Reads {@code --name value} arguments over {@code GANTRY_DEMO_NAME} variables of {@code env}. */
    public static DemoOptions parse(List<String> args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String fromEnv = env.get(
                    "GANTRY_DEMO_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            if (fromEnv != null) values.put(name, fromEnv);
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || !NAMES.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown argument \"" + arg
                        + "\": expected one of --port, --version, --fail-rate, --slow-ms, --slow-rate");
            }
            if (i + 1 >= args.size()) throw new IllegalArgumentException(arg + ": missing its value");
            values.put(arg.substring(2), args.get(++i));
        }
        if (!values.containsKey("port")) throw new IllegalArgumentException("--port: missing");
        return new DemoOptions(
                intValue(values, "port", null),
                values.get("version"),
                doubleValue(values, "fail-rate", 0),
                intValue(values, "slow-ms", 0),
                doubleValue(values, "slow-rate", values.containsKey("slow-ms") ? 1 : 0));
    }

    private static int intValue(Map<String, String> values, String name, Integer fallback) {
        String text = values.get(name);
        if (text == null) return fallback;
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": expected a whole number, got \"" + text + "\"");
        }
    }

    private static double doubleValue(Map<String, String> values, String name, double fallback) {
        String text = values.get(name);
        if (text == null) return fallback;
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": expected a number, got \"" + text + "\"");
        }
    }
}
