package dev.gantry.notify;

import dev.gantry.binding.Variants;
import dev.gantry.plan.NotifierSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notifiers by their {@code type:} name: a new kind of channel is one record and one line here, or, for a
 * module gantry-core cannot depend on, one line in that module's {@link Variants.Extension}.
 */
public final class Notifiers implements Variants.Registry {

    @Override
    public Class<NotifierSpec> spec() {
        return NotifierSpec.class;
    }

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> notifiers = new LinkedHashMap<>();
        notifiers.put("webhook", WebhookNotifier.class);
        notifiers.put("slack", SlackNotifier.class);
        return Variants.Extension.added(Notifiers.class, notifiers);
    }

    /**
     * The notifier a plan's spec describes. The plan holds the spec only, so that it depends on no notifier; the
     * records named here are both, and this is the one place that turns the one into the other.
     *
     * @throws IllegalStateException when {@code spec} is not a {@link Notifier}: a build mistake
     */
    public static Notifier notifier(NotifierSpec spec) {
        if (spec instanceof Notifier notifier) return notifier;
        throw new IllegalStateException(spec.getClass().getName() + " is a notifier spec but not a Notifier");
    }
}
