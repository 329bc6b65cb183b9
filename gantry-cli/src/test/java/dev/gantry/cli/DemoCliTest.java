package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gantry demo as a newcomer runs it: real demo services behind the real proxy, real traffic, two releases through
 * staging and production, and nothing left running afterwards.
 */
// It changes or checks what the whole process shares: no other test class runs beside it.
@org.junit.jupiter.api.parallel.Isolated
class DemoCliTest {

    @TempDir
    Path dir;

    @Test
    void theDemoReleasesAHealthyVersionAndRollsBackAFaultyOneByItself() throws Exception {
        Set<Long> before = demoProcesses();
        Path repository = dir.resolve("demo");

        GantryProcess.Result demo = GantryProcess.run(dir, "demo", "--dir", repository.toString(), "--plain");

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out())
                .contains("1.1.0 staging: Released, every step watched without a breach")
                .contains("1.1.0 production: Released, every step watched without a breach")
                .contains("1.2.0 staging: Rolled-Back, DEP-020 fired: error_rate")
                .contains("1.2.0 production: not started, staging did not release it")
                .contains(repository
                        .resolve(".gantry/releases/v1.2.0/report-staging.html")
                        .toString());
        JsonNode rolledBack = json(repository.resolve(".gantry/releases/v1.2.0/report-staging.json"));
        assertThat(rolledBack.path("verdict").asText()).isEqualTo("Rolled-Back");
        Instant began =
                Instant.parse(rolledBack.path("events").get(0).path("at").asText());
        // Within a release the watch runs 60 times faster, so its start may be dated a little ahead of the file
        // the report went to; one clock for the whole demo dated the last release most of an hour ahead.
        assertThat(began)
                .as("the last release began on the wall clock, not most of an hour ahead of it")
                .isBefore(Files.getLastModifiedTime(repository.resolve(".gantry/releases/v1.2.0/report-staging.json"))
                        .toInstant()
                        .plus(Duration.ofMinutes(10)));
        List<Double> fired = samples(rolledBack, "DEP-020", "FIRED");
        assertThat(fired)
                .as("the error rate that fired the trigger: 8%% of the canary's requests")
                .hasSize(1);
        assertThat(fired.get(0)).isBetween(0.04, 0.12);
        assertThat(events(rolledBack, "run.validation-ran")).anySatisfy(v -> {
            assertThat(v.path("id").asText()).endsWith("/after-rollback");
            assertThat(v.path("passed").asBoolean()).isTrue();
        });
        JsonNode released = json(repository.resolve(".gantry/releases/v1.1.0/report-production.json"));
        assertThat(released.path("verdict").asText()).isEqualTo("Released");
        assertThat(samples(released, "DEP-020", "OK")).isNotEmpty().allSatisfy(rate -> assertThat(rate)
                .isZero());
        assertThat(Files.readString(repository.resolve(".gantry/releases/v1.2.0/report-staging.html")))
                .contains("<svg", "DEP-020");
        // Processes of other runs on this machine may end meanwhile; none of this demo may remain.
        assertThat(demoProcesses()).as("no process of the demo is left").isSubsetOf(before);
    }

    @Test
    void throughATeamServerTheDemoEndsTheSameAndItsRunsAreTheServersWithADashboardToLogInTo() throws Exception {
        Set<Long> before = demoProcesses();
        Path repository = dir.resolve("served");

        // Standard input ends at once: the server stops after the demo instead of serving on.
        GantryProcess.Result demo =
                GantryProcess.run(dir, "demo", "--serve", "--dir", repository.toString(), "--plain");

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        java.util.regex.Matcher server = java.util.regex.Pattern.compile(
                        "team server: (http://127\\.0\\.0\\.1:\\d+/) \\(log in as Demo Lead, password (\\S+)\\); its"
                                + " folder: (\\S+)")
                .matcher(demo.out());
        assertThat(server.find()).as(demo.out()).isTrue();
        assertThat(server.group(2)).hasSizeGreaterThanOrEqualTo(12);
        assertThat(demo.out())
                .contains("1.1.0 production: Released, every step watched without a breach")
                .contains("1.2.0 staging: Rolled-Back, DEP-020 fired: error_rate")
                .contains("1.2.0 production: not started, staging did not release it")
                .contains("The dashboard stays at " + server.group(1))
                .contains("its clock is simulated: it runs 60 times faster than real time");
        // The runs are the server's: its records and reports, not the repository's.
        Path reports = Path.of(server.group(3)).resolve("projects/demo/reports");
        Path rolledBack;
        try (var files = Files.list(reports.resolve("v1.2.0"))) {
            rolledBack = files.filter(f -> f.getFileName().toString().matches("report-staging-.*\\.json"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(json(rolledBack).path("verdict").asText()).isEqualTo("Rolled-Back");
        assertThat(repository.resolve(".gantry/releases")).doesNotExist();
        assertThat(demoProcesses()).as("no process of the demo is left").isSubsetOf(before);
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<JsonNode> events(JsonNode report, String kind) {
        List<JsonNode> events = new ArrayList<>();
        report.path("events").forEach(e -> {
            if (e.path("kind").asText().equals(kind)) events.add(e);
        });
        return events;
    }

    private static List<Double> samples(JsonNode report, String trigger, String state) {
        return events(report, "run.sampled").stream()
                .filter(s -> s.path("trigger").asText().equals(trigger)
                        && s.path("state").asText().equals(state))
                .map(s -> s.path("value").asDouble())
                .toList();
    }

    /** The processes running a part of the local target or the demo service. */
    private static Set<Long> demoProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(args -> String.join(" ", args).contains("dev.gantry.local."))
                        .orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
