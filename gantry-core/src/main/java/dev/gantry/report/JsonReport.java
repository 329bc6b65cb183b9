package dev.gantry.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.Verdict;

/** The report as JSON: the model's facts in the shape of {@link ReportDocument}, every event of the run with them. */
final class JsonReport {

    // Events hold instants (a watch gap's bounds): written as ISO-8601 text, as the run log stores them.
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    static String render(ReportModel model) {
        try {
            return JSON.writeValueAsString(document(model)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    static ReportDocument document(ReportModel model) {
        ReportModel.Summary s = model.summary();
        boolean stopped = s.verdict().isPresent() || s.waiting();
        return new ReportDocument(
                s.version(),
                s.environment(),
                s.operator(),
                s.commit().orElse(null),
                s.previousVersion().orElse(null),
                s.strategy().map(Strategy::label).orElse(null),
                s.verdict().map(Verdict::label).orElse(null),
                stopped ? s.reason() : null,
                s.liveChanged(),
                s.started(),
                s.ended().orElse(null),
                model.gate().recorded().orElse(null),
                model.changes().entries().stream()
                        .map(e -> new ReportDocument.Change(
                                ReportModel.ChangeSection.kind(e),
                                e.scope().orElse(null),
                                e.description(),
                                e.hash(),
                                e.tickets()))
                        .toList(),
                model.changes().approvals().stream()
                        .map(a ->
                                new ReportDocument.ApprovalGiven(a.role(), a.person(), a.commit(), a.at(), a.comment()))
                        .toList(),
                model.events().stream()
                        .map(l -> new ReportDocument.Event(
                                l.at(), RunEvent.kindOf(l.event().getClass()), l.event()))
                        .toList());
    }
}
