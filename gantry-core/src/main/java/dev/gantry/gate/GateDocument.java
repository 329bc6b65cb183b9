package dev.gantry.gate;

import java.time.Duration;
import java.util.Locale;

/** A gate's result as Markdown for people ({@code gate-{env}.md}) and as JSON for machines and the store. */
public final class GateDocument {

    private GateDocument() {}

    public static String markdown(GateResult gate) {
        StringBuilder md = new StringBuilder();
        md.append("# Gate: ")
                .append(gate.environment())
                .append(" · v")
                .append(gate.version())
                .append("\n\n");
        md.append("| Field | Value |\n|---|---|\n");
        row(md, "Decision", "**" + gate.decision().label() + "**");
        row(md, "Version", gate.version() + " (" + gate.releaseType().label() + ")");
        row(md, "Environment", gate.environment());
        row(md, "Commit", "`" + gate.commit() + "`");
        row(md, "Evaluated", gate.at().toString());
        row(
                md,
                "Criteria",
                gate.outcomes().size() + ": " + gate.count(CheckResult.Status.MET) + " met, "
                        + gate.count(CheckResult.Status.UNMET) + " unmet, " + gate.count(CheckResult.Status.ERROR)
                        + " error");
        md.append("\n## Criteria\n\n");
        if (gate.outcomes().isEmpty()) {
            md.append("No criterion of the plan applies to ")
                    .append(gate.environment())
                    .append(".\n");
        } else {
            md.append("| Criterion | Title | Blocker | Check | Result | Evidence | Duration |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (CriterionOutcome o : gate.outcomes()) {
                md.append("| ")
                        .append(cell(o.id()))
                        .append(" | ")
                        .append(cell(o.title()))
                        .append(" | ")
                        .append(o.blocker() ? "Yes" : "No")
                        .append(" | ")
                        .append(cell(o.checkType()))
                        .append(" | ")
                        .append(o.state())
                        .append(" | ")
                        .append(cell(o.result().evidence()))
                        .append(" | ")
                        .append(duration(o.duration()))
                        .append(" |\n");
            }
        }
        boolean anyDetails =
                gate.outcomes().stream().anyMatch(o -> !o.result().details().isEmpty());
        if (anyDetails) {
            md.append("\n## Details\n");
            for (CriterionOutcome o : gate.outcomes()) {
                if (o.result().details().isEmpty()) continue;
                md.append("\n### ")
                        .append(o.id())
                        .append(": ")
                        .append(o.title())
                        .append("\n\n");
                md.append("Checked: ").append(o.verification()).append("\n\n```\n");
                o.result().details().forEach(line -> md.append(line).append('\n'));
                md.append("```\n");
            }
        }
        if (gate.outcomes().stream().anyMatch(o -> !o.uploads().isEmpty())) {
            md.append(
                    "\n## Uploaded evidence\n\n| Criterion | File | SHA-256 | Uploaded by | At |\n|---|---|---|---|---|\n");
            for (CriterionOutcome o : gate.outcomes()) {
                for (dev.gantry.store.Evidence.Upload u : o.uploads()) {
                    md.append("| ")
                            .append(cell(o.id()))
                            .append(" | ")
                            .append(cell(u.path()))
                            .append(" | `")
                            .append(u.sha256())
                            .append("` | ")
                            .append(cell(u.by()))
                            .append(" | ")
                            .append(u.at())
                            .append(" |\n");
                }
            }
        }
        if (!gate.overrides().isEmpty()) {
            md.append("\n## Overrides\n\n| Criterion | By | Role | Reason | At |\n|---|---|---|---|---|\n");
            for (GateOverride o : gate.overrides()) {
                md.append("| ")
                        .append(cell(o.criterion()))
                        .append(" | ")
                        .append(cell(o.person()))
                        .append(" | ")
                        .append(cell(o.role()))
                        .append(" | ")
                        .append(cell(o.reason()))
                        .append(" | ")
                        .append(o.at())
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    public static String json(GateResult gate) {
        return RecordedGate.of(gate).json();
    }

    /** Seconds with one decimal: "0.4s". */
    public static String duration(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static void row(StringBuilder md, String field, String value) {
        md.append("| ").append(field).append(" | ").append(value).append(" |\n");
    }

    /** Text safe inside a Markdown table cell: one line, pipes escaped. */
    static String cell(String text) {
        if (text == null) return "";
        return text.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
