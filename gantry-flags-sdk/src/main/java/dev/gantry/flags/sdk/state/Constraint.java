package dev.gantry.flags.sdk.state;

import java.util.List;
import java.util.Optional;

/**
 * A condition on one context field.
 *
 * @param operatorName the operator as the document wrote it, kept to name an {@link Operator#UNKNOWN} one
 * @param values the list operators' values (IN, NOT_IN, STR_*, IN_CIDR)
 * @param value the single value of NUM_*, DATE_*, SEMVER_* and REGEX
 */
public record Constraint(
        String contextName,
        Operator operator,
        String operatorName,
        List<String> values,
        Optional<String> value,
        boolean caseInsensitive,
        boolean inverted) {
    public Constraint {
        values = List.copyOf(values);
    }
}
