package dev.gantry.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of a release fact: a flat JSON object of text values, such as {@code {"item":"backup","note":null}}.
 * Written and read with Jackson's streaming parser alone: starting an {@code ObjectMapper} takes about as long as
 * everything else {@code gantry tick} does after reading the plan.
 */
final class Payload {

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, String> fields = new LinkedHashMap<>();

    /** Adds a field; a null value is written as JSON null. */
    Payload put(String key, String value) {
        fields.put(key, value);
        return this;
    }

    String json() {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                out.writeStringField(field.getKey(), field.getValue());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a payload", e);
        }
        return text.toString();
    }

    /**
     * The fields of {@code json} as text: a number or a boolean as written, null for JSON null, empty for an object
     * or a list; no fields when {@code json} is not an object.
     *
     * @throws IOException when {@code json} is not JSON
     */
    static Map<String, String> read(String json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser in = JSON.createParser(json)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                in.skipChildren();
                return fields;
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String key = in.currentName();
                JsonToken value = in.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    in.skipChildren();
                    fields.put(key, "");
                } else {
                    fields.put(key, value == JsonToken.VALUE_NULL ? null : in.getText());
                }
            }
        }
        return fields;
    }
}
