package dev.gantry.analysis;

import dev.gantry.binding.Variants;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metric sources by their {@code type:} name: a new source is one record and one line here, or, for a module
 * gantry-core cannot depend on (such as the local proxy), one line in that module's {@link Variants.Extension}.
 */
public final class MetricSources implements Variants.Registry {

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> sources = new LinkedHashMap<>();
        sources.put("prometheus", PrometheusSource.class);
        sources.put("http-json", HttpJsonSource.class);
        sources.put("command", CommandSource.class);
        return Variants.Extension.added(MetricSources.class, sources);
    }
}
