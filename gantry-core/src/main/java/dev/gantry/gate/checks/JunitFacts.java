package dev.gantry.gate.checks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts a junit check records, read back as a record: the totals and a row per suite. The report's test status
 * table reads them through this type, never by key names of its own.
 *
 * @param files how many report files were read
 * @param suites a row per suite, in the order the reports named them
 */
public record JunitFacts(int tests, int passed, int failed, int errors, int skipped, int files, List<Suite> suites) {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public JunitFacts {
        suites = suites == null ? List.of() : List.copyOf(suites);
    }

    /** One suite's counts; {@code failed} includes the tests that broke with an error. */
    public record Suite(String suite, int tests, int passed, int failed, int errors, int skipped) {}

    /** The facts of a junit criterion; empty when the check read no report, and so counted nothing. */
    public static Optional<JunitFacts> of(Map<String, Object> facts) {
        if (!facts.containsKey("tests")) return Optional.empty();
        return Optional.of(JSON.convertValue(facts, JunitFacts.class));
    }
}
