package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.sdk.json.StateReader;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast path allocates nothing for plain on/off flags, rollouts and list constraints: counted by the JVM's
 * per-thread allocation counter, not timed. The JMH benchmark measures speed; this keeps the property from rotting.
 */
class AllocationTest {

    private static final String STATE =
            """
            {"features": [
              {"name": "plain", "enabled": true, "strategies": [{"name": "default", "parameters": {}}]},
              {"name": "rollout", "enabled": true, "strategies": [{"name": "flexibleRollout",
                "parameters": {"rollout": "25", "stickiness": "default", "groupId": "rollout"}}]},
              {"name": "targeted", "enabled": true, "strategies": [{"name": "default", "parameters": {},
                "constraints": [{"contextName": "country", "operator": "IN", "values": ["de", "fr"]},
                                {"contextName": "userId", "operator": "NOT_IN", "values": ["banned"]}]}]}
            ]}
            """;

    @Test
    void isEnabledAllocatesNothingForOnOffRolloutAndListConstraints() throws Exception {
        FlagEvaluator evaluator = FlagEvaluator.of(
                StateReader.read(STATE), EvaluatorOptions.system().withClock(Clock.systemUTC()));
        FlagContext[] contexts = new FlagContext[64];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = new FlagContext(
                    "user-" + i, null, null, null, null, null, Map.of("country", i % 2 == 0 ? "de" : "us"));
        }
        String[] flags = {"plain", "rollout", "targeted"};
        int on = run(evaluator, flags, contexts, 20_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        on += run(evaluator, flags, contexts, 100_000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(on).isPositive();
        // The counter and the JIT's bookkeeping cost a few kilobytes on this thread; one allocation per evaluation
        // would be 1.6 MB at the least (100,000 objects of 16 bytes).
        assertThat(allocated).isLessThan(64 * 1024);
    }

    private static int run(FlagEvaluator evaluator, String[] flags, FlagContext[] contexts, int times) {
        int on = 0;
        for (int i = 0; i < times; i++) {
            if (evaluator.isEnabled(flags[i % flags.length], contexts[i % contexts.length])) {
                on++;
            }
        }
        return on;
    }
}
