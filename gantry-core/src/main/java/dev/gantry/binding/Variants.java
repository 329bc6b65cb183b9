package dev.gantry.binding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Marks an interface whose implementations are records chosen by a key of the mapping, such as
 * {@code check: { type: junit, reports: ... }}. A {@link Registry} handed to the binder in its {@link Registries}
 * names each record; the interface does not know it, so a model can hold plug-ins without depending on them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variants {

    /** The key that names the record. */
    String key() default "type";

    /** The records of a {@link Variants} interface by name, in the order they are offered to users. */
    interface Registry {

        /** The {@link Variants} interface whose records this registry names. */
        Class<?> spec();

        Map<String, Class<? extends Record>> variants();
    }

    /**
     * Records that a module gantry-core cannot depend on (the local target, Kubernetes) adds to a registry. The
     * program that has the module calls {@link #register} once at start-up, before any plan is read; nothing is
     * found by scanning the class path.
     */
    interface Extension {

        /** The records this module adds to {@code registry} by name; empty for a registry it does not extend. */
        Map<String, Class<? extends Record>> variants(Class<? extends Registry> registry);

        /** Adds an extension to every registry that takes extensions; a second one of the same class is ignored. */
        static void register(Extension extension) {
            if (REGISTERED.stream().noneMatch(e -> e.getClass() == extension.getClass())) REGISTERED.add(extension);
        }

        /** Takes an extension back out, for tests that register one of their own. */
        static void unregister(Class<? extends Extension> type) {
            REGISTERED.removeIf(e -> e.getClass() == type);
        }

        /**
         * {@code builtIn} followed by what the registered extensions add to {@code registry}.
         *
         * @throws IllegalStateException when an extension takes a name that is already taken: a build mistake
         */
        static Map<String, Class<? extends Record>> added(
                Class<? extends Registry> registry, Map<String, Class<? extends Record>> builtIn) {
            Map<String, Class<? extends Record>> all = new LinkedHashMap<>(builtIn);
            for (Extension extension : REGISTERED) {
                extension.variants(registry).forEach((name, record) -> {
                    Class<? extends Record> before = all.putIfAbsent(name, record);
                    if (before != null && before != record) {
                        throw new IllegalStateException(extension.getClass().getName() + " adds \"" + name + "\" to "
                                + registry.getSimpleName() + ", which already names " + before.getName());
                    }
                });
            }
            return all;
        }
    }

    /** The extensions registered so far, in the order they came. */
    List<Extension> REGISTERED = new CopyOnWriteArrayList<>();
}
