package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed schema of the JSON report is the one its records generate, and every golden JSON report is valid
 * against it. {@code -Dgantry.updateGolden=true} writes the schema again from the records.
 */
class ReportSchemaTest {

    private static final Path COMMITTED = Path.of("../docs/report.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(COMMITTED.toFile()));
    }

    @Test
    void theCommittedSchemaIsTheOneTheRecordsGenerate() throws Exception {
        String generated = JSON.writeValueAsString(ReportSchema.generate()) + "\n";
        if (Boolean.getBoolean("gantry.updateGolden")) Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/report.schema.json is out of date: run this test with -Dgantry.updateGolden=true")
                .isEqualTo(generated);
    }

    @Test
    void everyGoldenJsonReportIsValid() throws Exception {
        List<Path> reports;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/reports"))) {
            reports = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(reports).hasSizeGreaterThanOrEqualTo(5);
        JsonSchema schema = schema();
        for (Path report : reports) {
            assertThat(schema.validate(JSON.readTree(report.toFile())))
                    .as(report.getFileName().toString())
                    .isEmpty();
        }
    }

    @Test
    void aReportThatDriftedFromTheSchemaIsRefused() throws Exception {
        JsonSchema schema = schema();
        ObjectNode report = (ObjectNode) JSON.readTree(
                Path.of("src/test/resources/reports/canary-hard-breach.json").toFile());
        report.put("liveChanged", "yes");
        ((ObjectNode) report.path("gate")).put("decision", "GO_WITH_OVERRIDE");
        ObjectNode sampled = (ObjectNode) Stream.iterate(0, i -> i + 1)
                .map(i -> report.path("events").get(i))
                .filter(e -> e.path("kind").asText().equals("run.sampled"))
                .findFirst()
                .orElseThrow();
        sampled.set("total", sampled.remove("value"));

        Set<ValidationMessage> errors = schema.validate(report);

        assertThat(errors)
                .extracting(ValidationMessage::getInstanceLocation)
                .extracting(Object::toString)
                .contains("$.liveChanged", "$.gate.decision")
                .anyMatch(at -> at.startsWith("$.events["));
    }

    @Test
    void theSchemaSaysWhatTheMainFieldsMean() throws Exception {
        JsonNode schema = JSON.readTree(COMMITTED.toFile());
        assertThat(schema.at("/properties/verdict/description").asText()).contains("Rolled-Back");
        assertThat(schema.at("/properties/events/description").asText()).contains("every event");
    }
}
