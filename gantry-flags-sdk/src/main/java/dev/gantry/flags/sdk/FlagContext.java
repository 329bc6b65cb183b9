package dev.gantry.flags.sdk;

import java.util.Map;

/**
 * Who and where a flag is evaluated for: Unleash's context fields. A field is {@code null} when the context lacks it,
 * which the operators treat as Unleash does (IN fails, NOT_IN holds, the others fail, before any inversion).
 *
 * @param currentTime an ISO-8601 instant with its offset; when {@code null} the evaluator's clock gives the time
 * @param properties any other field, by name
 */
public record FlagContext(
        String userId,
        String sessionId,
        String remoteAddress,
        String environment,
        String appName,
        String currentTime,
        Map<String, String> properties) {

    public static final FlagContext EMPTY = new FlagContext(null, null, null, null, null, null, Map.of());

    public FlagContext {
        properties = Map.copyOf(properties);
    }

    public static FlagContext ofUser(String userId) {
        return new FlagContext(userId, null, null, null, null, null, Map.of());
    }

    /** A field by its Unleash name: one of the fields above, else a property. */
    public String field(String name) {
        switch (name) {
            case "userId":
                return userId;
            case "sessionId":
                return sessionId;
            case "remoteAddress":
                return remoteAddress;
            case "environment":
                return environment;
            case "appName":
                return appName;
            case "currentTime":
                return currentTime;
            default:
                return properties.get(name);
        }
    }

    /** This context with {@code environment} set, unless it already names one. */
    public FlagContext withDefaultEnvironment(String name) {
        return environment != null
                ? this
                : new FlagContext(userId, sessionId, remoteAddress, name, appName, currentTime, properties);
    }
}
