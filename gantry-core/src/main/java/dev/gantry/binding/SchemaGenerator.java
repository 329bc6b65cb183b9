package dev.gantry.binding;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the JSON Schema (draft-07) of a record type as the binder reads it, so editors check and complete
 * the same file the binder accepts: the schema comes from the model and cannot drift from it.
 */
public final class SchemaGenerator {

    private final Registries registries;

    private SchemaGenerator(Registries registries) {
        this.registries = registries;
    }

    /**
     * The schema as nested maps and lists, ready for any JSON writer.
     *
     * @param registries the records of each {@link Variants} interface, as the binder is given them
     */
    public static Map<String, Object> of(Class<? extends Record> root, String title, Registries registries) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", title);
        schema.putAll(new SchemaGenerator(registries).schemaOf(root));
        return schema;
    }

    private Map<String, Object> schemaOf(Type type) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            Type element = arguments[arguments.length - 1];
            if (raw == List.class) return listOf(element);
            if (raw == Map.class) return object("additionalProperties", schemaOf(element));
            if (raw == Optional.class) return schemaOf(element);
            throw new IllegalStateException("unsupported plan type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord() && !Scalars.supports(c)) return recordSchema(c);
        if (c.isInterface() && c.isAnnotationPresent(Variants.class)) return variantSchema(c);
        return scalarSchema(c);
    }

    private Map<String, Object> recordSchema(Class<?> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = YamlBinder.keyName(component);
            Map<String, Object> property = new LinkedHashMap<>(schemaOf(component.getGenericType()));
            Doc doc = component.getAnnotation(Doc.class);
            if (doc != null) property.put("description", doc.value());
            properties.put(key, property);
            if (component.isAnnotationPresent(Required.class)) required.add(key);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        describe(type, schema);
        schema.put("properties", properties);
        if (!required.isEmpty()) schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** One record schema per variant, each with its name as a constant under the variant key. */
    private Map<String, Object> variantSchema(Class<?> type) {
        String key = type.getAnnotation(Variants.class).key();
        List<Object> choices = new ArrayList<>();
        registries.variants(type).forEach((name, record) -> {
            Map<String, Object> schema = recordSchema(record);
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            Map<String, Object> withKey = new LinkedHashMap<>();
            withKey.put(key, Map.of("const", name));
            withKey.putAll(properties);
            schema.put("properties", withKey);
            List<String> required = new ArrayList<>(List.of(key));
            Object more = schema.get("required");
            if (more instanceof List<?> list) list.forEach(k -> required.add((String) k));
            schema.put("required", required);
            choices.add(schema);
        });
        Map<String, Object> schema = new LinkedHashMap<>();
        describe(type, schema);
        schema.put("oneOf", choices);
        return schema;
    }

    private static Map<String, Object> scalarSchema(Class<?> type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (type == boolean.class || type == Boolean.class) {
            schema.put("type", "boolean");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            schema.put("type", "integer");
        } else if (type == double.class || type == Double.class) {
            schema.put("type", "number");
        } else if (type.isEnum()) {
            schema.put("type", "string");
            schema.put("enum", Scalars.constantNames(type));
        } else if (type == Duration.class) {
            schema.put("type", "string");
            schema.put("description", Scalars.expected(Duration.class));
        } else if (type == String.class || type == Path.class || Scalars.supports(type)) {
            schema.put("type", "string");
            describe(type, schema);
        } else {
            throw new IllegalStateException("unsupported plan type " + type);
        }
        return schema;
    }

    /**
     * A list; a single scalar is accepted where a list of scalars is expected, as the binder does, but a single
     * mapping (a record or a record chosen by type) is not.
     */
    private Map<String, Object> listOf(Type element) {
        Map<String, Object> items = schemaOf(element);
        Map<String, Object> array = new LinkedHashMap<>();
        array.put("type", "array");
        array.put("items", items);
        if ("object".equals(items.get("type")) || items.containsKey("oneOf")) return array;
        return object("anyOf", List.of(items, array));
    }

    private static void describe(Class<?> type, Map<String, Object> schema) {
        Doc doc = type.getAnnotation(Doc.class);
        if (doc != null) schema.put("description", doc.value());
    }

    private static Map<String, Object> object(String key, Object value) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (!key.equals("anyOf")) schema.put("type", "object");
        schema.put(key, value);
        return schema;
    }
}
