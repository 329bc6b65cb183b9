package dev.gantry.cli;

import dev.gantry.gate.GateDocument;
import dev.gantry.gate.RecordedGate;
import dev.gantry.store.Evidence;
import java.time.Duration;

/** A gate's result as {@code gantry gate} prints it, whether the gate ran here or on a server. */
final class GateText {

    private GateText() {}

    static String render(RecordedGate result) {
        StringBuilder s = new StringBuilder();
        s.append(result.decision().label())
                .append("  ")
                .append(result.environment())
                .append(" · ")
                .append(result.version())
                .append(" (")
                .append(result.releaseType())
                .append(") · commit ")
                .append(result.commit(), 0, 7)
                .append("\n\n");
        if (result.criteria().isEmpty())
            return s.append("no criterion applies to ")
                    .append(result.environment())
                    .append('\n')
                    .toString();
        TextTable table = new TextTable("CRITERION", "BLOCKER", "RESULT", "DURATION", "EVIDENCE");
        for (RecordedGate.Criterion c : result.criteria()) {
            table.row(
                    c.id() + " " + c.title(),
                    c.blocker() ? "yes" : "no",
                    c.state(),
                    GateDocument.duration(Duration.ofMillis(c.durationMillis())),
                    c.evidence());
        }
        s.append(table);
        if (result.criteria().stream().anyMatch(c -> !c.uploads().isEmpty())) {
            // A gate run on a server read files CI uploaded for the commit: each criterion names those that decided it.
            TextTable uploads = new TextTable("CRITERION", "UPLOADED FILE", "SHA-256", "BY", "AT");
            for (RecordedGate.Criterion c : result.criteria()) {
                for (Evidence.Upload u : c.uploads()) {
                    uploads.row(c.id(), u.path(), u.sha256().substring(0, 12), u.by(), u.at().toString());
                }
            }
            s.append('\n').append(uploads);
        }
        return s.toString();
    }
}
