package dev.gantry.flags.sdk;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.gantry.flags.sdk.state.Constraint;
import dev.gantry.flags.sdk.state.Operator;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles constraints as Unleash's engine (Yggdrasil) evaluates them. A missing context field fails every operator
 * but NOT_IN, which holds; inversion applies after, so an inverted IN on a missing field holds. An unknown operator
 * fails its constraint whether inverted or not (the strategy misses, the flag's other strategies still count), as
 * Unleash's Java client 11.1.0 does. A value the engine cannot compile (a number that is not one, a date outside RFC
 * 3339, a semver that is not one, an empty list for STR_* or IN_CIDR) makes the whole flag invalid, as in Unleash.
 */
final class Conditions {

    // The JDK's engine, on a fixed pattern of ours only: user patterns go to RE2/J.
    private static final java.util.regex.Pattern DATE_LITERAL = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?(Z|[+-]\\d{2}:\\d{2})");

    private Conditions() {}

    static Condition compile(Constraint constraint, Clock clock) throws InvalidFlag {
        Condition plain = plain(constraint, clock);
        if (plain == null) {
            // An unknown operator, or a semver value starting with "v", is false outright in Unleash: never inverted.
            return context -> false;
        }
        return constraint.inverted() ? context -> !plain.holds(context) : plain;
    }

    /** How a constraint reads in a reason: {@code country IN ["de", "fr"]}. */
    static String describe(Constraint constraint) {
        String values = constraint.value().isPresent() && constraint.values().isEmpty()
                ? "\"" + constraint.value().get() + "\""
                : constraint.values().stream()
                        .map(v -> "\"" + v + "\"")
                        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        return (constraint.inverted() ? "not " : "")
                + constraint.contextName() + " " + constraint.operatorName() + " " + values
                + (constraint.caseInsensitive() ? " (case-insensitive)" : "")
                + (constraint.operator() == Operator.UNKNOWN
                        ? " (an operator Unleash does not know, which always fails)"
                        : "");
    }

    private static Condition plain(Constraint constraint, Clock clock) throws InvalidFlag {
        ContextField field = ContextField.named(constraint.contextName());
        Operator operator = constraint.operator();
        switch (operator) {
            case IN, NOT_IN:
                return membership(field, operator == Operator.IN, new HashSet<>(constraint.values()));
            case STR_CONTAINS, STR_STARTS_WITH, STR_ENDS_WITH:
                return text(field, operator, constraint.values(), constraint.caseInsensitive());
            case NUM_EQ, NUM_GT, NUM_GTE, NUM_LT, NUM_LTE:
                return number(field, operator, numberValue(constraint));
            case DATE_AFTER, DATE_BEFORE:
                return date(field, operator == Operator.DATE_AFTER, dateValue(constraint), clock);
            case SEMVER_EQ, SEMVER_GT, SEMVER_LT:
                String text = required(constraint);
                if (text.startsWith("v")) {
                    return null;
                }
                Semver target = Semver.parse(text.strip());
                if (target == null) {
                    throw new InvalidFlag(describe(constraint) + ": \"" + text + "\" is not a semantic version");
                }
                return semver(field, operator, target);
            case IN_CIDR:
                return cidr(field, constraint);
            case REGEX:
                // Without a pattern there is nothing to match: not the empty pattern, which every value matches.
                return regex(field, required(constraint), constraint.caseInsensitive());
            default:
                return null;
        }
    }

    private static Condition membership(ContextField field, boolean in, Set<String> values) {
        if (values.isEmpty()) {
            return context -> !in;
        }
        return in
                ? context -> {
                    String value = field.in(context);
                    return value != null && values.contains(value);
                }
                : context -> {
                    String value = field.in(context);
                    return value == null || !values.contains(value);
                };
    }

    private static Condition text(ContextField field, Operator operator, List<String> values, boolean ignoreCase)
            throws InvalidFlag {
        if (values.isEmpty()) {
            throw new InvalidFlag(field.name() + " " + operator + " has no values");
        }
        String[] targets = values.stream()
                .map(v -> ignoreCase ? v.toLowerCase(Locale.ROOT) : v)
                .toArray(String[]::new);
        return context -> {
            String value = field.in(context);
            if (value == null) {
                return false;
            }
            String subject = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
            for (String target : targets) {
                boolean hit = operator == Operator.STR_CONTAINS
                        ? subject.contains(target)
                        : operator == Operator.STR_STARTS_WITH ? subject.startsWith(target) : subject.endsWith(target);
                if (hit) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Condition number(ContextField field, Operator operator, double target) {
        return context -> {
            String value = field.in(context);
            if (value == null) {
                return false;
            }
            double actual = NumberText.parse(value);
            return switch (operator) {
                case NUM_EQ -> Math.abs(actual - target) < Math.ulp(1.0);
                case NUM_GT -> actual > target;
                case NUM_GTE -> actual >= target;
                case NUM_LT -> actual < target;
                default -> actual <= target;
            };
        };
    }

    private static Condition date(ContextField field, boolean after, Instant target, Clock clock) {
        boolean isTime = field.name().equals("currentTime");
        return context -> {
            String value = field.in(context);
            Instant actual;
            if (value == null) {
                if (!isTime) {
                    return false;
                }
                actual = clock.instant();
            } else {
                try {
                    actual = OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException notADate) {
                    return false;
                }
            }
            return after ? actual.isAfter(target) : actual.isBefore(target);
        };
    }

    private static Condition semver(ContextField field, Operator operator, Semver target) {
        return context -> {
            String value = field.in(context);
            Semver actual = value == null ? null : Semver.parse(value);
            if (actual == null) {
                return false;
            }
            int order = actual.compareTo(target);
            return operator == Operator.SEMVER_EQ ? order == 0 : operator == Operator.SEMVER_GT ? order > 0 : order < 0;
        };
    }

    private static Condition cidr(ContextField field, Constraint constraint) throws InvalidFlag {
        if (constraint.values().isEmpty()) {
            throw new InvalidFlag(describe(constraint) + ": IN_CIDR has no values");
        }
        List<IpRange> ranges = new ArrayList<>();
        for (String text : constraint.values()) {
            IpRange range = IpRange.parse(text.strip());
            if (range != null) {
                ranges.add(range);
            }
        }
        return addressIn(field, ranges);
    }

    /** Whether the field holds an address inside one of the ranges; entries that were not ranges were dropped. */
    static Condition addressIn(ContextField field, List<IpRange> ranges) {
        IpRange[] all = ranges.toArray(IpRange[]::new);
        return context -> {
            String value = field.in(context);
            byte[] address = value == null || value.indexOf('/') >= 0 ? null : IpRange.address(value);
            if (address == null) {
                return false;
            }
            for (IpRange range : all) {
                if (range.contains(address)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Condition regex(ContextField field, String pattern, boolean ignoreCase) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException invalid) {
            return context -> false;
        }
        return context -> {
            String value = field.in(context);
            return value != null && compiled.matcher(value).find();
        };
    }

    private static String required(Constraint constraint) throws InvalidFlag {
        return constraint
                .value()
                .orElseThrow(() ->
                        new InvalidFlag(constraint.contextName() + " " + constraint.operatorName() + " has no value"));
    }

    private static double numberValue(Constraint constraint) throws InvalidFlag {
        String text = required(constraint).strip();
        if (text.isEmpty()
                || !(Character.isDigit(text.charAt(0))
                        || text.length() > 1
                                && "+-".indexOf(text.charAt(0)) >= 0
                                && Character.isDigit(text.charAt(1)))) {
            throw new InvalidFlag(describe(constraint) + ": \"" + text + "\" is not a number");
        }
        double value = NumberText.parse(text);
        if (Double.isNaN(value)) {
            throw new InvalidFlag(describe(constraint) + ": \"" + text + "\" is not a number");
        }
        return value;
    }

    private static Instant dateValue(Constraint constraint) throws InvalidFlag {
        String text = required(constraint).strip();
        if (!DATE_LITERAL.matcher(text).matches()) {
            throw new InvalidFlag(
                    describe(constraint) + ": \"" + text + "\" is not a date like 2025-03-07T14:00:00.000Z");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFlag(describe(constraint) + ": \"" + text + "\" is not a valid date");
        }
    }
}
