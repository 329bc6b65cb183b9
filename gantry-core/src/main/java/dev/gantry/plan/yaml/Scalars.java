package dev.gantry.plan.yaml;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns the text of a YAML scalar into a Java value of a given class. */
final class Scalars {

    /** The text does not fit the class; the message says what was expected and quotes the text. */
    static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Scalars() {}

    static boolean supports(Class<?> type) {
        return type == String.class
                || type == Boolean.class
                || type == boolean.class
                || type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Double.class
                || type == double.class
                || type.isEnum()
                || type == Path.class
                || type == Duration.class
                || parser(type).isPresent();
    }

    static Object convert(String text, Class<?> type) throws Mismatch {
        if (type == String.class) return text;
        if (type == Boolean.class || type == boolean.class) {
            if (text.equals("true")) return true;
            if (text.equals("false")) return false;
            throw new Mismatch("expected true or false, got \"" + text + "\"");
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            try {
                long value = Long.parseLong(text);
                if ((type == Integer.class || type == int.class) && (int) value != value)
                    throw new NumberFormatException();
                return type == Long.class || type == long.class ? value : (Object) (int) value;
            } catch (NumberFormatException e) {
                throw new Mismatch("expected a whole number, got \"" + text + "\"");
            }
        }
        if (type == Double.class || type == double.class) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new Mismatch("expected a number, got \"" + text + "\"");
            }
        }
        if (type.isEnum()) return enumConstant(text, type);
        if (type == Path.class) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new Mismatch("expected a file path, got \"" + text + "\"");
            }
        }
        if (type == Duration.class) return duration(text);
        return parse(text, parser(type).orElseThrow());
    }

    private static Object enumConstant(String text, Class<?> type) throws Mismatch {
        String wanted = normalize(text);
        for (Object constant : type.getEnumConstants()) {
            if (normalize(((Enum<?>) constant).name()).equals(wanted)) return constant;
        }
        String accepted = Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        throw new Mismatch("expected one of " + accepted + ", got \"" + text + "\"");
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    static Duration duration(String text) throws Mismatch {
        Matcher m = DURATION_PART.matcher(text.strip());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
            end = m.end();
        }
        if (end == 0 || end != text.strip().length()) {
            throw new Mismatch("expected a duration like 90s, 5m, 2h, 1d or 1h30m, got \"" + text + "\"");
        }
        return total;
    }

    private static Optional<Method> parser(Class<?> type) {
        try {
            Method m = type.getMethod("parse", String.class);
            return Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType())
                    ? Optional.of(m)
                    : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Object parse(String text, Method parser) throws Mismatch {
        try {
            return parser.invoke(null, text);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) throw new Mismatch(bad.getMessage());
            throw new IllegalStateException("parsing \"" + text + "\" failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
