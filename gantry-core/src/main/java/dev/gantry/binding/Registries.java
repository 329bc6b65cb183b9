package dev.gantry.binding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registries the binder chooses records from, one for each {@link Variants} interface. Whoever reads a file
 * hands them to the binder, so the model it binds names no registry and depends on none of the records.
 */
public final class Registries {

    private final Map<Class<?>, Variants.Registry> bySpec = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when two registries name records of one interface */
    public Registries(List<? extends Variants.Registry> registries) {
        for (Variants.Registry registry : registries) {
            Variants.Registry before = bySpec.putIfAbsent(registry.spec(), registry);
            if (before != null) {
                throw new IllegalArgumentException(before.getClass().getSimpleName() + " and "
                        + registry.getClass().getSimpleName() + " both name the records of "
                        + registry.spec().getSimpleName());
            }
        }
    }

    public Registries(Variants.Registry... registries) {
        this(List.of(registries));
    }

    /**
     * The records of {@code spec} by name.
     *
     * @throws IllegalStateException when no registry was given for {@code spec}, or it names a record that is not
     *     one: a build mistake
     */
    Map<String, Class<? extends Record>> variants(Class<?> spec) {
        Variants.Registry registry = bySpec.get(spec);
        if (registry == null) {
            throw new IllegalStateException("no registry names the records of " + spec.getSimpleName());
        }
        Map<String, Class<? extends Record>> variants = registry.variants();
        // An extension from another module may name a record of the wrong kind: a build mistake, said at once.
        variants.forEach((name, record) -> {
            if (!spec.isAssignableFrom(record)) {
                throw new IllegalStateException(
                        record.getName() + " is named \"" + name + "\" but is not a " + spec.getSimpleName());
            }
        });
        return variants;
    }
}
