package dev.gantry.gate.checks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many tests of a report, or of one suite, came out which way.
 *
 * @param failed the tests that did not pass, whether an assertion failed or the test broke with an error
 * @param errors of the failed tests, those that broke with an error
 */
record TestCounts(int tests, int passed, int failed, int errors, int skipped) {

    static final TestCounts NONE = new TestCounts(0, 0, 0, 0, 0);

    TestCounts plus(JunitReport.Outcome outcome) {
        return switch (outcome) {
            case PASSED -> new TestCounts(tests + 1, passed + 1, failed, errors, skipped);
            case FAILED -> new TestCounts(tests + 1, passed, failed + 1, errors, skipped);
            case ERROR -> new TestCounts(tests + 1, passed, failed + 1, errors + 1, skipped);
            case SKIPPED -> new TestCounts(tests + 1, passed, failed, errors, skipped + 1);
        };
    }

    /** The tests that ran: skipped ones neither pass nor fail. */
    int executed() {
        return tests - skipped;
    }

    /** Whether the passed share of the tests that ran is at least {@code minimum}; false when none ran. */
    boolean passRateAtLeast(Percentage minimum) {
        if (executed() == 0) return false;
        BigDecimal rate = BigDecimal.valueOf(passed).multiply(BigDecimal.valueOf(100));
        return rate.compareTo(minimum.value().multiply(BigDecimal.valueOf(executed()))) >= 0;
    }

    /**
     * The pass rate rounded down to a tenth, so that 845 of 846 shows as 99.8% and never as a 100.0% that a
     * 100% limit refuses. Call only when some test ran.
     */
    BigDecimal passRate() {
        return BigDecimal.valueOf(passed)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(executed()), 1, RoundingMode.DOWN);
    }

    /** A row of the report's test status table. */
    Map<String, Object> row(String suite) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("suite", suite);
        row.put("tests", tests);
        row.put("passed", passed);
        row.put("failed", failed);
        row.put("errors", errors);
        row.put("skipped", skipped);
        return java.util.Collections.unmodifiableMap(row);
    }
}
