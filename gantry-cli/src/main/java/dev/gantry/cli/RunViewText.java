package dev.gantry.cli;

import dev.gantry.coordinate.RunView;
import dev.gantry.coordinate.SampleText;
import dev.gantry.plan.Strategy;
import java.util.ArrayList;
import java.util.List;

/** A run's view as lines of plain text: the live display's block, and what {@code gantry status} says of a run. */
final class RunViewText {

    private static final int BAR = 10;

    private RunViewText() {}

    /** What is released where: {@code 1.4.0 to staging, replacing 1.3.0}. */
    static String title(RunView view) {
        return view.version() + " to " + view.environment() + ", " + replacing(view);
    }

    static String replacing(RunView view) {
        return view.previousVersion() == null ? "a first release" : "replacing " + view.previousVersion();
    }

    /** Phase and step, weight, one line per trigger, the watch window, and whether it waits or how it ended. */
    static List<String> lines(RunView view) {
        return lines(view, false);
    }

    /** The same lines for a run on a server ({@code onServer}), where a person decides with their token. */
    static List<String> lines(RunView view, boolean onServer) {
        List<String> lines = new ArrayList<>();
        lines.add("phase " + view.phase().number() + "/6 " + view.phase().title()
                + view.strategy().map(s -> ", " + strategy(view, s)).orElse(""));
        lines.add("weight " + bar(view.weight()) + " " + view.weight() + "%"
                + (view.movingTo().isPresent() && view.movingTo().getAsInt() != view.weight()
                        ? ", moving to " + view.movingTo().getAsInt() + "%"
                        : ""));
        lines.addAll(triggers(view.triggers()));
        view.watch()
                .ifPresent(w -> lines.add("watch window: " + SampleText.duration(w.left()) + " left of "
                        + SampleText.duration(w.length()) + " (ends " + SampleText.clock(w.end()) + ")"));
        view.waiting().ifPresent(p -> {
            lines.add("waiting for a person: " + p.reason());
            lines.add("  decide with: " + Runs.decideCommand(view.environment(), view.version(), onServer));
        });
        view.end().ifPresent(e -> lines.add(e.verdict().label() + ": " + e.reason()));
        view.tagPush()
                .ifPresent(p -> lines.add(
                        p.pushed()
                                ? "tag " + p.tag() + " pushed to " + p.remote()
                                : "tag " + p.tag() + " NOT pushed to " + p.remote() + ": "
                                        + TerminalText.of(p.problem())
                                        + (p.triedAgain()
                                                ? " (the server tries again at its next start and after its next"
                                                        + " release)"
                                                : " (not tried again: move or delete one of the two tags)")));
        return lines;
    }

    static String bar(int weight) {
        int filled = Math.max(0, Math.min(BAR, Math.round(weight * BAR / 100f)));
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    private static String strategy(RunView view, Strategy strategy) {
        if (view.steps() == 0) return strategy.label();
        String unit = strategy == Strategy.ROLLING ? "batch" : "step";
        return strategy.label() + " " + (view.step() == 0 ? "before " + unit + " 1" : unit + " " + view.step()) + " of "
                + view.steps();
    }

    private static List<String> triggers(List<RunView.TriggerView> triggers) {
        if (triggers.isEmpty()) return List.of("no rollback trigger watches this environment");
        TextTable table = null;
        for (RunView.TriggerView t : triggers) {
            String[] row = {
                t.id(),
                t.metric(),
                t.value().isEmpty() ? "-" : t.value(),
                t.threshold().isEmpty() ? "not in the plan" : "limit " + t.threshold(),
                t.state()
            };
            if (table == null) {
                table = new TextTable(row);
            } else {
                table.row(row);
            }
        }
        return table.toString().lines().toList();
    }
}
