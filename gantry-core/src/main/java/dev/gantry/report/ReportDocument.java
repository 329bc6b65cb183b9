package dev.gantry.report;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.gantry.gate.RecordedGate;
import dev.gantry.rollout.RunEvent;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report ({@code report-<env>.json}): the report's facts for machines. Its JSON Schema is generated from
 * this record and committed as {@code docs/report.schema.json}; a field renamed here fails the build until the schema
 * is generated again.
 */
public record ReportDocument(
        @JsonPropertyDescription("the version released, such as 1.4.0") String release,
        @JsonPropertyDescription("the environment the run released into") String environment,
        @JsonPropertyDescription("who started the run") String operator,
        @JsonPropertyDescription("the commit the run was bound to: gate, approvals, scripts and tag all used it")
                String commit,
        @JsonPropertyDescription("the version the release replaced; null for a first release") String previousVersion,
        @JsonPropertyDescription("the strategy chosen: All at once, Rolling, Blue-green or Canary; null before phase 2")
                String strategy,
        @JsonPropertyDescription(
                        "how the run ended: Released, Released-with-override, Rolled-Back, Rollback-Failed or Aborted;"
                                + " null while it goes on or waits")
                String verdict,
        @JsonPropertyDescription("the verdict's reason in one line, or why the run waits; null while it goes on")
                String reason,
        @JsonPropertyDescription("whether anything users could see was changed (and, for Rolled-Back, undone)")
                boolean liveChanged,
        @JsonPropertyDescription("the time of the run's first event") Instant started,
        @JsonPropertyDescription("the time the run ended; null while it goes on") Instant ended,
        @JsonPropertyDescription("the last gate recorded for the release in the environment, as gantry gate --json"
                        + " prints it; null when none was")
                RecordedGate gate,
        @JsonPropertyDescription("the release's changes, one a commit") List<Change> changes,
        @JsonPropertyDescription("the approvals given for the run's commit") List<ApprovalGiven> approvals,
        @JsonPropertyDescription("every event of the run, oldest first") List<Event> events) {

    public ReportDocument {
        changes = List.copyOf(changes);
        approvals = List.copyOf(approvals);
        events = List.copyOf(events);
    }

    /**
     * One change of the release.
     *
     * @param references the tickets it names: its subject's, then its footers'
     */
    public record Change(
            @JsonPropertyDescription("feature, fix, breaking, security, or the commit's type") String type,
            String scope,
            String description,
            @JsonPropertyDescription("the full hash of the commit") String commit,
            @JsonPropertyDescription("the tickets it names: its subject's, then its footers'")
                    List<String> references) {

        public Change {
            references = List.copyOf(references);
        }
    }

    /** A sign-off of one role for the run's commit. */
    public record ApprovalGiven(String role, String person, String commit, Instant at, String comment) {}

    /**
     * One event of the run: its time, its stored kind ({@code run.started}, {@code run.sampled}, ...) and the
     * event's own fields beside them.
     */
    public record Event(
            @JsonPropertyDescription("when it was written") Instant at,
            @JsonPropertyDescription("the event's kind as stored: run.started, run.sampled, run.ended, ...")
                    String kind,
            @JsonUnwrapped RunEvent event) {}
}
