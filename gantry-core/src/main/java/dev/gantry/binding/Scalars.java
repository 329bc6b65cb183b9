package dev.gantry.binding;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the text of a YAML scalar into a Java value of a given class. */
final class Scalars {

    /** The text does not fit the class; the message says what was expected and quotes the text. */
    static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    // Units from largest to smallest, each at most once: "1h30m", not "30m1h" or "1m1m".
    private static final Pattern DURATION =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final ChronoUnit[] DURATION_UNITS = {
        ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS
    };
    private static final String DURATION_EXAMPLES = "a duration like 90s, 5m, 2h, 1d or 1h30m";
    private static final String DURATION_RANGE =
            "a duration of at most " + DurationText.of(DurationText.MAX) + " (3 years)";

    private static final ClassValue<Optional<Method>> PARSERS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method parse = type.getMethod("parse", String.class);
                if (!Modifier.isStatic(parse.getModifiers()) || !type.isAssignableFrom(parse.getReturnType())) {
                    return Optional.empty();
                }
                // A public parse() of a class that is not public itself can only be called this way.
                parse.trySetAccessible();
                return Optional.of(parse);
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    private Scalars() {}

    static boolean supports(Class<?> type) {
        return type == String.class
                || isBoolean(type)
                || isWhole(type)
                || isDecimal(type)
                || type.isEnum()
                || type == Path.class
                || type == Duration.class
                || (!type.isPrimitive() && PARSERS.get(type).isPresent());
    }

    /** What a value of {@code type} looks like, for "expected ..., got ..." messages. */
    static String expected(Class<?> type) {
        if (isBoolean(type)) return "true or false";
        if (isWhole(type) || isDecimal(type)) return "a number";
        if (type.isEnum()) return "one of " + acceptedConstants(type);
        if (type == Duration.class) return DURATION_EXAMPLES;
        return "a single value";
    }

    static Object convert(String text, Class<?> type) throws Mismatch {
        if (type == String.class) return text;
        if (isBoolean(type)) {
            if (text.equals("true")) return true;
            if (text.equals("false")) return false;
            throw mismatch(expected(type), text);
        }
        if (isWhole(type)) return whole(text, type);
        if (isDecimal(type)) {
            if (!DECIMAL.matcher(text).matches()) throw mismatch("a number", text);
            double value = Double.parseDouble(text);
            // "1e999" is a number to the pattern and infinity to Java: every comparison with it is meaningless.
            if (!Double.isFinite(value)) throw mismatch("a number from -1.7e308 to 1.7e308", text);
            return value;
        }
        if (type.isEnum()) return enumConstant(text, type);
        if (type == Path.class) return path(text);
        if (type == Duration.class) return duration(text);
        return parse(text, PARSERS.get(type).orElseThrow());
    }

    private static Object whole(String text, Class<?> type) throws Mismatch {
        if (!WHOLE.matcher(text).matches()) {
            throw mismatch(DECIMAL.matcher(text).matches() ? "a whole number" : "a number", text);
        }
        boolean isInt = type == int.class || type == Integer.class;
        try {
            long value = Long.parseLong(text);
            if (isInt && (int) value != value) throw new NumberFormatException();
            return isInt ? (Object) (int) value : (Object) value;
        } catch (NumberFormatException e) {
            throw mismatch(
                    isInt
                            ? "a number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                            : "a number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE,
                    text);
        }
    }

    private static Object enumConstant(String text, Class<?> type) throws Mismatch {
        String wanted = normalize(text);
        for (Object constant : type.getEnumConstants()) {
            if (normalize(((Enum<?>) constant).name()).equals(wanted)) return constant;
        }
        throw mismatch(expected(type), text);
    }

    static List<String> constantNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .toList();
    }

    private static String acceptedConstants(Class<?> type) {
        return String.join(", ", constantNames(type));
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static Path path(String text) throws Mismatch {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw mismatch("a file path", text);
        }
    }

    static Duration duration(String text) throws Mismatch {
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) throw mismatch(DURATION_EXAMPLES, text);
        try {
            Duration total = Duration.ZERO;
            for (int i = 0; i < DURATION_UNITS.length; i++) {
                String amount = m.group(i + 1);
                if (amount != null) total = total.plus(Long.parseLong(amount), DURATION_UNITS[i]);
            }
            if (total.compareTo(DurationText.MAX) > 0) throw mismatch(DURATION_RANGE, text);
            return total;
        } catch (NumberFormatException | ArithmeticException e) {
            throw mismatch(DURATION_RANGE, text);
        }
    }

    private static Object parse(String text, Method parser) throws Mismatch {
        try {
            return parser.invoke(null, text);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new Mismatch(bad.getMessage() != null ? bad.getMessage() : "invalid value " + Nodes.quote(text));
            }
            throw new IllegalStateException("parsing " + Nodes.quote(text) + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + parser, e);
        }
    }

    private static Mismatch mismatch(String expected, String text) {
        return new Mismatch("expected " + expected + ", got " + Nodes.quote(text));
    }

    private static boolean isBoolean(Class<?> type) {
        return type == boolean.class || type == Boolean.class;
    }

    private static boolean isWhole(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    private static boolean isDecimal(Class<?> type) {
        return type == double.class || type == Double.class;
    }
}
