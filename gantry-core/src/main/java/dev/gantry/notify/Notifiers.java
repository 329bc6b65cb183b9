package dev.gantry.notify;

import dev.gantry.binding.Variants;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notifiers by their {@code type:} name: a new kind of channel is one record and one line here, or, for a
 * module gantry-core cannot depend on, one line in that module's {@link Variants.Extension}.
 */
public final class Notifiers implements Variants.Registry {

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> notifiers = new LinkedHashMap<>();
        notifiers.put("webhook", WebhookNotifier.class);
        notifiers.put("slack", SlackNotifier.class);
        return Variants.Extension.added(Notifiers.class, notifiers);
    }
}
