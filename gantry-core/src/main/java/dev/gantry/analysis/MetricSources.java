package dev.gantry.analysis;

import dev.gantry.binding.Variants;
import dev.gantry.plan.MetricSourceSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metric sources by their {@code type:} name: a new source is one record and one line here, or, for a module
 * gantry-core cannot depend on (such as the local proxy), one line in that module's {@link Variants.Extension}.
 */
public final class MetricSources implements Variants.Registry {

    @Override
    public Class<MetricSourceSpec> spec() {
        return MetricSourceSpec.class;
    }

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> sources = new LinkedHashMap<>();
        sources.put("prometheus", PrometheusSource.class);
        sources.put("http-json", HttpJsonSource.class);
        sources.put("command", CommandSource.class);
        return Variants.Extension.added(MetricSources.class, sources);
    }

    /**
     * The metric source a plan's spec describes. The plan holds the spec only, so that it depends on no source;
     * the records named here are both, and this is the one place that turns the one into the other.
     *
     * @throws IllegalStateException when {@code spec} is not a {@link MetricSource}: a build mistake
     */
    public static MetricSource source(MetricSourceSpec spec) {
        if (spec instanceof MetricSource source) return source;
        throw new IllegalStateException(spec.getClass().getName() + " is a metric source spec but not a MetricSource");
    }
}
