package dev.gantry.plan.yaml;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Marks an interface whose implementations are records chosen by a key of the mapping, such as
 * {@code check: { type: junit, reports: ... }}. The registry names each record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variants {

    /** The key that names the record. */
    String key() default "type";

    /** Holds the names and their records; it needs a public no-argument constructor. */
    Class<? extends Registry> registry();

    /** The records of a {@link Variants} interface by name, in the order they are offered to users. */
    interface Registry {
        Map<String, Class<? extends Record>> variants();
    }
}
