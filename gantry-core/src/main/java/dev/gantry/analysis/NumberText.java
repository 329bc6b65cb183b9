package dev.gantry.analysis;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** A number written as text by a program or an API: decimal only, so "NaN", "0x1p3" and "1d" are not numbers. */
final class NumberText {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private NumberText() {}

    static OptionalDouble parse(String text) {
        String stripped = text.strip();
        if (!DECIMAL.matcher(stripped).matches()) return OptionalDouble.empty();
        double value = Double.parseDouble(stripped);
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
