package dev.gantry.analysis;

import dev.gantry.plan.MetricSourceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where watch-window numbers come from. Each kind is one record, bound from the plan's
 * {@code metrics: { type: ..., ... }} as a {@link MetricSourceSpec} and named in {@link MetricSources}, which gives
 * the source of a spec.
 *
 * <p>Values are in base units, as Prometheus gives them: ratios for rates (0.021 for 2.1%), seconds for
 * latencies. A source that cannot answer (timeout, HTTP 500, NaN, an empty result, a string, an answer over
 * 8 MiB, a query that fails on the answer) gives a {@link Reading} without a value that says why; it never throws,
 * since a watch that stops on a fault of the world leaves the release half rolled out.
 */
public interface MetricSource extends MetricSourceSpec {

    /** The value of {@code query} at {@code at}. */
    Reading instant(String query, Instant at, MetricContext context);

    /** The values of {@code query} from {@code from} to {@code to} every {@code step}, for baselines. */
    List<Reading> range(String query, Instant from, Instant to, Duration step, MetricContext context);
}
