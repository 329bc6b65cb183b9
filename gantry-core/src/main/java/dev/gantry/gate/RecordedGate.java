package dev.gantry.gate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gate's result as it is recorded and printed ({@code gantry gate --json}): what a run's report reads back.
 * The same record writes the JSON and reads it, so a field the report needs cannot be named one way by the gate and
 * another way by its reader.
 */
public record RecordedGate(
        @JsonSerialize(using = DecisionLabel.Out.class)
                @JsonDeserialize(using = DecisionLabel.In.class)
                @JsonPropertyDescription("GO, GO-with-override or NO-GO")
                Decision decision,
        String environment,
        String version,
        @JsonPropertyDescription("hotfix, patch, minor or major") String releaseType,
        @JsonPropertyDescription("the commit the gate was evaluated for") String commit,
        Instant at,
        List<Criterion> criteria,
        List<GateOverride> overrides) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public RecordedGate {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /**
     * One criterion as the gate found it.
     *
     * @param check the check's type name, or "manual" for a criterion ticked on the checklist
     * @param facts the check's numbers and names, such as a junit check's counts per suite ({@code JunitFacts})
     * @param uploads the files uploaded for the commit that the check read: which decided it, who uploaded it, when
     */
    public record Criterion(
            String id,
            String title,
            boolean blocker,
            @JsonPropertyDescription("the check's type: junit, file, window, ..., or manual") String check,
            @JsonPropertyDescription("what was checked") String verification,
            @JsonSerialize(using = StatusLabel.Out.class)
                    @JsonDeserialize(using = StatusLabel.In.class)
                    @JsonPropertyDescription("Met, Unmet or Error")
                    CheckResult.Status status,
            @JsonPropertyDescription("a person with an overriding role let the release pass it") boolean overridden,
            @JsonPropertyDescription("one line: counts, the file and section, the status code") String evidence,
            long durationMillis,
            List<String> details,
            @JsonPropertyDescription("the check's numbers and names, by key") Map<String, Object> facts,
            @JsonPropertyDescription("the uploaded evidence files the check read, with who uploaded them and when")
                    List<dev.gantry.store.Evidence.Upload> uploads) {

        public Criterion {
            details = details == null ? List.of() : List.copyOf(details);
            uploads = uploads == null ? List.of() : List.copyOf(uploads);
            facts = facts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(facts));
        }

        /** As the report shows it: "Met", or "Unmet (overridden)". */
        public String state() {
            return status.label() + (overridden ? " (overridden)" : "");
        }
    }

    public static RecordedGate of(GateResult gate) {
        return new RecordedGate(
                gate.decision(),
                gate.environment(),
                gate.version().toString(),
                gate.releaseType().label(),
                gate.commit(),
                gate.at(),
                gate.outcomes().stream()
                        .map(o -> new Criterion(
                                o.id(),
                                o.title(),
                                o.blocker(),
                                o.checkType(),
                                o.verification(),
                                o.result().status(),
                                o.override().isPresent(),
                                o.result().evidence(),
                                o.duration().toMillis(),
                                o.result().details(),
                                o.result().facts(),
                                o.uploads()))
                        .toList(),
                gate.overrides());
    }

    /** Reads a gate as {@link #json} wrote it. */
    public static RecordedGate parse(String json) throws IOException {
        return JSON.readValue(json, RecordedGate.class);
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the gate as JSON", e);
        }
    }

    /** The gate's decision written as people read it ("GO-with-override"), as the gate has always printed it. */
    static final class DecisionLabel {
        private DecisionLabel() {}

        static final class Out extends JsonSerializer<Decision> {
            @Override
            public void serialize(Decision value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(value.label());
            }
        }

        static final class In extends JsonDeserializer<Decision> {
            @Override
            public Decision deserialize(JsonParser in, DeserializationContext context) throws IOException {
                String text = in.getValueAsString();
                return Arrays.stream(Decision.values())
                        .filter(d -> d.label().equals(text))
                        .findFirst()
                        .orElseThrow(() -> context.weirdStringException(text, Decision.class, "not a gate decision"));
            }
        }
    }

    /** A criterion's status as people read it: "Met", "Unmet", "Error". */
    static final class StatusLabel {
        private StatusLabel() {}

        static final class Out extends JsonSerializer<CheckResult.Status> {
            @Override
            public void serialize(CheckResult.Status value, JsonGenerator out, SerializerProvider provider)
                    throws IOException {
                out.writeString(value.label());
            }
        }

        static final class In extends JsonDeserializer<CheckResult.Status> {
            @Override
            public CheckResult.Status deserialize(JsonParser in, DeserializationContext context) throws IOException {
                String text = in.getValueAsString();
                return Arrays.stream(CheckResult.Status.values())
                        .filter(s -> s.label().equals(text))
                        .findFirst()
                        .orElseThrow(() ->
                                context.weirdStringException(text, CheckResult.Status.class, "not a criterion status"));
            }
        }
    }
}
