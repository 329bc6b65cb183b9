package dev.gantry.flags.sdk;

import dev.gantry.flags.sdk.state.Strategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Unleash's built-in strategies, compiled once per state. Parameters missing or unreadable make the strategy miss, as
 * in Unleash; a strategy this list does not know always misses.
 */
final class Strategies {

    /** A compiled rule and how it reads when it misses. */
    record Compiled(Rule rule, String missed) {}

    private Strategies() {}

    static Compiled compile(Strategy strategy, EvaluatorOptions options) throws InvalidFlag {
        Map<String, String> parameters = strategy.parameters();
        IntUnaryOperator random = options.random();
        switch (strategy.name()) {
            case "default":
                return new Compiled((context, group) -> true, "did not match");
            case "userWithId":
                return userWithId(parameters.get("userIds"));
            case "gradualRolloutUserId":
                return gradual(parameters, ContextField.named("userId"));
            case "gradualRolloutSessionId":
                return gradual(parameters, ContextField.named("sessionId"));
            case "gradualRolloutRandom": {
                int percentage = count(parameters.get("percentage"));
                if (percentage < 0) {
                    return never("has no readable percentage");
                }
                // Unleash draws 1..99 and compares with "<": 100% is always on, 1% never.
                return new Compiled(
                        (context, group) -> 1 + random.applyAsInt(99) < percentage,
                        "random draw missed " + percentage + "%");
            }
            case "flexibleRollout":
                return flexible(parameters, random);
            case "remoteAddress":
                return remoteAddress(parameters.get("IPs"));
            case "applicationHostname":
                return hostname(parameters.getOrDefault("hostNames", ""), options.hostname());
            default:
                return never("is not a strategy Unleash knows: false, as in Unleash");
        }
    }

    private static Compiled userWithId(String userIds) {
        if (userIds == null) {
            return never("has no userIds");
        }
        Set<String> ids = new HashSet<>();
        for (String id : userIds.split(",", -1)) {
            ids.add(id.strip());
        }
        return new Compiled(
                (context, group) -> context.userId() != null && ids.contains(context.userId()),
                "userId is not one of its userIds");
    }

    private static Compiled gradual(Map<String, String> parameters, ContextField field) throws InvalidFlag {
        String groupId = parameters.get("groupId");
        if (groupId == null) {
            return never("needs a groupId");
        }
        int percentage = percentage(parameters.get("percentage"));
        if (percentage < 0) {
            return never("needs a percentage and a groupId");
        }
        return new Compiled(
                (context, group) -> {
                    String value = field.in(context);
                    return value != null && Buckets.rollout(groupId, value) <= percentage;
                },
                "the " + percentage + "% rollout on " + field.name() + " did not include this context");
    }

    private static Compiled flexible(Map<String, String> parameters, IntUnaryOperator random) throws InvalidFlag {
        int rollout = percentage(parameters.get("rollout"));
        if (rollout < 0) {
            return never("has no readable rollout");
        }
        String groupId = parameters.get("groupId");
        String stickiness = parameters.getOrDefault("stickiness", "default");
        String missed = "the " + rollout + "% rollout on " + stickiness + " did not include this context";
        if (stickiness.equals("default") || stickiness.equals("random")) {
            boolean userFirst = stickiness.equals("default");
            return new Compiled(
                    (context, group) -> {
                        String id = userFirst ? context.userId() : null;
                        if (id == null && userFirst) {
                            id = context.sessionId();
                        }
                        int bucket = id == null
                                ? 1 + random.applyAsInt(100)
                                : Buckets.rollout(groupId == null ? group : groupId, id);
                        return bucket <= rollout;
                    },
                    missed);
        }
        ContextField field = ContextField.named(stickiness);
        return new Compiled(
                (context, group) -> {
                    String id = field.in(context);
                    return id != null && Buckets.rollout(groupId == null ? group : groupId, id) <= rollout;
                },
                missed);
    }

    private static Compiled remoteAddress(String addresses) {
        if (addresses == null) {
            return never("has no IPs");
        }
        List<IpRange> ranges = new ArrayList<>();
        for (String text : addresses.split(",", -1)) {
            IpRange range = IpRange.parse(text.strip());
            if (range != null) {
                ranges.add(range);
            }
        }
        Condition in = Conditions.addressIn(ContextField.named("remoteAddress"), ranges);
        return new Compiled((context, group) -> in.holds(context), "remoteAddress is not in its IPs");
    }

    private static Compiled hostname(String hostNames, String hostname) {
        Set<String> names = new HashSet<>();
        for (String name : hostNames.split(",", -1)) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        boolean here = names.contains(hostname.toLowerCase(Locale.ROOT));
        return new Compiled((context, group) -> here, "this host (" + hostname + ") is not one of its hostNames");
    }

    private static Compiled never(String why) {
        return new Compiled((context, group) -> false, why);
    }

    /** A whole number as Unleash reads a parameter (digits, an optional leading {@code +}), or -1 when it is not one. */
    static int count(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        int start = text.charAt(0) == '+' ? 1 : 0;
        if (start == text.length()) {
            return -1;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        // Past int range it is still a whole number to Unleash: as large as it gets here, so it stays over 100.
        return text.length() - start > 9 ? Integer.MAX_VALUE : Integer.parseInt(text.substring(start));
    }

    /** A rollout percentage: -1 when unreadable (the strategy misses), refused over 100 (Unleash cannot compile it). */
    private static int percentage(String text) throws InvalidFlag {
        int value = count(text);
        if (value > 100) {
            throw new InvalidFlag("a rollout of " + value + "% is over 100%");
        }
        return value;
    }
}
