package dev.gantry.flags.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutated state documents are read or refused with an {@link InvalidJson} that has a place, never anything else; what
 * is read evaluates without an exception.
 */
class StateReaderFuzzTest {

    private static final dev.gantry.flags.sdk.FlagContext CONTEXT = new dev.gantry.flags.sdk.FlagContext(
            "7", "s-1", "10.1.2.3", "production", "app", null, java.util.Map.of("country", "de", "age", "30"));

    private static final String ALPHABET = "{}[]:,\"\\ntrufalse0123456789-.eE+ \n\tÿ€😀u";

    @Test
    void mutatedDocumentsAreReadOrRefusedWithAPlace() throws Exception {
        String original;
        try (InputStream in = getClass().getResourceAsStream("/dev/gantry/flags/sdk/evaluator-table-state.json")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SplittableRandom random = new SplittableRandom(14);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder mutated = new StringBuilder(original);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> mutated.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            try {
                var state = StateReader.read(mutated.toString());
                // What reads must also evaluate, whatever it holds.
                var evaluator =
                        dev.gantry.flags.sdk.FlagEvaluator.of(state, dev.gantry.flags.sdk.EvaluatorOptions.system());
                for (var feature : state.features()) {
                    evaluator.evaluate(feature.name(), CONTEXT);
                }
            } catch (InvalidJson expected) {
                refused++;
                assertThat(expected.line()).isPositive();
                assertThat(expected.column()).isPositive();
                assertThat(expected.path()).isNotBlank();
            }
        }
        assertThat(refused).isGreaterThan(1000);
    }
}
