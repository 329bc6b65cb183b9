package dev.gantry.plan;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SHA-256 of a plan's canonical form: every value the plan holds once bound, defaults filled in, each record
 * named by its type and its keys in order. Comments, layout, quoting and the order of a mapping's keys do not
 * change it; any changed value does. An approval records it, so a changed plan cancels the approvals given under
 * the old one.
 */
public final class PlanHash {

    private PlanHash() {}

    /** The hash in lowercase hex. */
    public static String of(Plan plan) {
        StringBuilder canonical = new StringBuilder();
        write(plan, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The first seven characters, as a commit is shown. */
    public static String shortly(String hash) {
        return hash.length() > 7 ? hash.substring(0, 7) : hash;
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Record record) {
            out.append(record.getClass().getName()).append('{');
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                out.append(component.getName()).append('=');
                write(read(component, record), out);
                out.append(';');
            }
            out.append('}');
        } else if (value instanceof Optional<?> optional) {
            write(optional.orElse(null), out);
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            for (Object item : items) {
                write(item, out);
                out.append(',');
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            // Sorted: a mapping's keys in another order mean the same plan.
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            sorted.forEach((k, v) -> {
                quoted(k, out);
                out.append(':');
                write(v, out);
                out.append(',');
            });
            out.append('}');
        } else if (value instanceof Enum<?> constant) {
            out.append(constant.getDeclaringClass().getName()).append('.').append(constant.name());
        } else if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            quoted(value.toString(), out);
        } else if (textual(value.getClass())) {
            out.append(value.getClass().getName()).append(':');
            quoted(value.toString(), out);
        } else {
            // A value whose text is Object's (type and identity) would make two loads of one plan differ.
            throw new IllegalStateException(
                    "a plan value of type " + value.getClass().getName()
                            + " has no text of its own to hash; make it a record or give it a toString");
        }
    }

    private static boolean textual(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.trySetAccessible();
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "cannot read " + component.getName() + " of a plan's "
                            + record.getClass().getSimpleName(),
                    e);
        }
    }

    private static void quoted(String text, StringBuilder out) {
        out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
}
