package dev.gantry.flags.sdk;

/**
 * A context field resolved once, when the state is loaded, so reading it per evaluation is a field access or one map
 * lookup.
 */
final class ContextField {

    private enum Kind {
        USER_ID,
        SESSION_ID,
        REMOTE_ADDRESS,
        ENVIRONMENT,
        APP_NAME,
        CURRENT_TIME,
        PROPERTY
    }

    private final Kind kind;
    private final String name;

    private ContextField(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    static ContextField named(String name) {
        Kind kind =
                switch (name) {
                    case "userId" -> Kind.USER_ID;
                    case "sessionId" -> Kind.SESSION_ID;
                    case "remoteAddress" -> Kind.REMOTE_ADDRESS;
                    case "environment" -> Kind.ENVIRONMENT;
                    case "appName" -> Kind.APP_NAME;
                    case "currentTime" -> Kind.CURRENT_TIME;
                    default -> Kind.PROPERTY;
                };
        return new ContextField(kind, name);
    }

    /** A property, even when its name is one of the fields: how Unleash reads a variant's custom stickiness. */
    static ContextField property(String name) {
        return switch (name) {
            case "userId", "sessionId", "remoteAddress", "environment", "appName" -> named(name);
            default -> new ContextField(Kind.PROPERTY, name);
        };
    }

    String name() {
        return name;
    }

    /** The field's value, or {@code null} when the context lacks it. */
    String in(FlagContext context) {
        return switch (kind) {
            case USER_ID -> context.userId();
            case SESSION_ID -> context.sessionId();
            case REMOTE_ADDRESS -> context.remoteAddress();
            case ENVIRONMENT -> context.environment();
            case APP_NAME -> context.appName();
            case CURRENT_TIME -> context.currentTime();
            case PROPERTY -> context.properties().get(name);
        };
    }
}
