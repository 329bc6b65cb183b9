package dev.gantry.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.gantry.rollout.RunEvent;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The JSON report's schema, generated from {@link ReportDocument} by victools' jsonschema-generator with its Jackson
 * module, so it states the names and types Jackson writes. Two things Jackson does that the generator cannot see are
 * told to it here: an event's fields sit beside its {@code at} and {@code kind} ({@code @JsonUnwrapped} over the
 * sealed {@link RunEvent}), and the gate writes its decision and statuses by their labels ("GO-with-override").
 */
final class ReportSchema {

    private ReportSchema() {}

    static JsonNode generate() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES)
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS);
        // The properties in the order the records declare them, which is the order Jackson writes them in.
        config.forTypesInGeneral().withPropertySorter((a, b) -> 0);
        // Jackson writes every field of a record, null or not.
        config.forFields().withRequiredCheck(field -> true);
        config.forFields().withCustomDefinitionProvider(ReportSchema::labelledEnum);
        // Jackson writes every field, null or not; a list or a number is never null.
        config.forFields()
                .withNullableCheck(field -> !field.getType().isPrimitive()
                        && !field.getType().isInstanceOf(java.util.Collection.class)
                        && !field.getType().isInstanceOf(Map.class));
        config.forFields().withCustomDefinitionProvider(ReportSchema::events);
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(ReportDocument.class);
        ObjectNode ordered = schema.objectNode();
        ordered.set("$schema", schema.get("$schema"));
        ordered.put("$id", "https://gantry.dev/schemas/report.schema.json");
        ordered.put("title", "Gantry release report (report-<env>.json)");
        ordered.put(
                "description",
                "The facts of one run for machines: what was released where, the gate, the"
                        + " changes and approvals, and every event of the run.");
        schema.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("$schema")) ordered.set(f.getKey(), f.getValue());
        });
        return ordered;
    }

    /** A field Jackson writes through a label serializer: the enum's labels are its values. */
    private static CustomPropertyDefinition labelledEnum(FieldScope field, SchemaGenerationContext context) {
        Class<?> type = field.getType().getErasedType();
        if (!type.isEnum() || field.getAnnotationConsideringFieldAndGetter(JsonSerialize.class) == null) return null;
        ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", "string");
        ArrayNode values = node.putArray("enum");
        try {
            Method label = type.getMethod("label");
            for (Object constant : type.getEnumConstants()) values.add((String) label.invoke(constant));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is written by its label but has no label()", e);
        }
        return new CustomPropertyDefinition(node);
    }

    /**
     * The report's events: each one of the run's event kinds, with {@code at}, {@code kind} and its own fields, nothing
     * more.
     */
    private static CustomPropertyDefinition events(FieldScope field, SchemaGenerationContext context) {
        if (field.getDeclaringType().getErasedType() != ReportDocument.class
                || !field.getName().equals("events")) return null;
        ObjectNode definition = context.getGeneratorConfig().createObjectNode();
        definition.put("type", "array");
        ObjectNode items = definition.putObject("items");
        items.put("description", "one event of the run: its time, its kind, and the event's own fields");
        ArrayNode kinds = items.putArray("oneOf");
        for (Map.Entry<String, Class<? extends RunEvent>> kind :
                RunEvent.kinds().entrySet()) {
            ObjectNode own =
                    context.createStandardDefinition(context.getTypeContext().resolve(kind.getValue()), null);
            ObjectNode properties = context.getGeneratorConfig().createObjectNode();
            properties.set(
                    "at",
                    context.createDefinitionReference(context.getTypeContext().resolve(Instant.class)));
            properties.putObject("kind").put("const", kind.getKey());
            if (own.has("properties")) properties.setAll((ObjectNode) own.get("properties"));
            ObjectNode event = kinds.addObject();
            event.put("title", kind.getKey());
            event.put("type", "object");
            event.set("properties", properties);
            ArrayNode required = event.putArray("required").add("at").add("kind");
            Arrays.stream(kind.getValue().getRecordComponents()).forEach(c -> required.add(c.getName()));
            event.put("additionalProperties", false);
        }
        return new CustomPropertyDefinition(definition, CustomDefinition.AttributeInclusion.YES);
    }
}
