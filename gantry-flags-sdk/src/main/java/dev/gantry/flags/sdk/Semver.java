package dev.gantry.flags.sdk;

import java.util.List;

/**
 * A Semantic Versioning 2.0.0 version, parsed strictly (no leading {@code v}, no leading zeros, three numbers), and
 * ordered by precedence: a pre-release sorts before its release, numeric identifiers sort numerically and before
 * alphanumeric ones, and a longer list of equal identifiers sorts last. Versions of equal precedence are then ordered
 * by build metadata (none first), as Rust's semver crate orders them in the engine of Unleash's Java client 11.1.0:
 * there {@code 1.2.3+build.5} is greater than {@code 1.2.3}, not equal.
 */
record Semver(long major, long minor, long patch, List<String> preRelease, String build) implements Comparable<Semver> {

    Semver {
        preRelease = List.copyOf(preRelease);
    }

    /** The version, or {@code null} when {@code text} is not one. */
    static Semver parse(String text) {
        int plus = text.indexOf('+');
        String main = plus < 0 ? text : text.substring(0, plus);
        if (plus >= 0 && !identifiers(text.substring(plus + 1), false)) {
            return null;
        }
        int dash = main.indexOf('-');
        String core = dash < 0 ? main : main.substring(0, dash);
        List<String> pre = List.of();
        if (dash >= 0) {
            String preText = main.substring(dash + 1);
            if (!identifiers(preText, true)) {
                return null;
            }
            pre = List.of(preText.split("\\.", -1));
        }
        String[] numbers = core.split("\\.", -1);
        if (numbers.length != 3) {
            return null;
        }
        long[] values = new long[3];
        for (int i = 0; i < 3; i++) {
            if (!isNumeric(numbers[i]) || (numbers[i].length() > 1 && numbers[i].charAt(0) == '0')) {
                return null;
            }
            try {
                values[i] = Long.parseLong(numbers[i]);
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        return new Semver(values[0], values[1], values[2], pre, plus < 0 ? "" : text.substring(plus + 1));
    }

    private static boolean identifiers(String text, boolean numericWithoutLeadingZero) {
        for (String identifier : text.split("\\.", -1)) {
            if (identifier.isEmpty()) {
                return false;
            }
            for (int i = 0; i < identifier.length(); i++) {
                char c = identifier.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                    return false;
                }
            }
            if (numericWithoutLeadingZero
                    && isNumeric(identifier)
                    && identifier.length() > 1
                    && identifier.charAt(0) == '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Semver other) {
        int byPrecedence = comparePrecedence(other);
        return byPrecedence != 0 ? byPrecedence : compareBuild(build, other.build);
    }

    /** Rust semver's order of build metadata: identifier by identifier, digits before letters, fewer first. */
    private static int compareBuild(String a, String b) {
        String[] left = a.split("\\.", -1);
        String[] right = b.split("\\.", -1);
        for (int i = 0; i < left.length; i++) {
            if (i >= right.length) {
                return 1;
            }
            boolean digitsLeft = left[i].chars().allMatch(c -> c >= '0' && c <= '9');
            boolean digitsRight = right[i].chars().allMatch(c -> c >= '0' && c <= '9');
            int order;
            if (digitsLeft && digitsRight) {
                String l = left[i].replaceFirst("^0+", "");
                String r = right[i].replaceFirst("^0+", "");
                order = l.length() != r.length() ? Integer.compare(l.length(), r.length()) : l.compareTo(r);
                if (order == 0) {
                    order = Integer.compare(left[i].length(), right[i].length());
                }
            } else if (digitsLeft != digitsRight) {
                return digitsLeft ? -1 : 1;
            } else {
                order = left[i].compareTo(right[i]);
            }
            if (order != 0) {
                return order;
            }
        }
        return left.length == right.length ? 0 : -1;
    }

    /** The order of Semantic Versioning 2.0.0, which ignores build metadata. */
    int comparePrecedence(Semver other) {
        int byNumbers = major != other.major
                ? Long.compare(major, other.major)
                : minor != other.minor ? Long.compare(minor, other.minor) : Long.compare(patch, other.patch);
        if (byNumbers != 0) {
            return byNumbers;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            int byIdentifier = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (byIdentifier != 0) {
                return byIdentifier;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean numericA = isNumeric(a);
        boolean numericB = isNumeric(b);
        if (numericA && numericB) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
