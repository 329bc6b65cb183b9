package dev.gantry.report;

import dev.gantry.rollout.RunEvent;
import dev.gantry.store.Approval;
import java.util.List;

/**
 * The report's sentences that say the same in Markdown and HTML. Plain text: each renderer escapes what people
 * wrote for its own format.
 */
final class Texts {

    private Texts() {}

    static String approvals(List<Approval> approvals) {
        return approvals.isEmpty()
                ? "none recorded"
                : approvals.size() + " given ("
                        + String.join(
                                ", ",
                                approvals.stream()
                                        .map(Approval::role)
                                        .distinct()
                                        .toList())
                        + ")";
    }

    /** The first failed action's exit code and step, or 0 when every action succeeded. */
    static String exitCode(List<ReportModel.ActionRow> actions) {
        return actions.stream()
                .filter(a -> !a.ok())
                .findFirst()
                .map(a -> a.exitCode().map(String::valueOf).orElse("none") + " (" + a.stepId() + ")")
                .orElse("0");
    }

    static List<String> tail(List<String> output, int lines) {
        return output.subList(Math.max(0, output.size() - lines), output.size());
    }

    static String list(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }

    static String retrospective(Outcome.Released released) {
        return released.override() ? "due: the release passed with an override" : "at the end of the cycle";
    }

    static String trigger(Outcome.RolledBack rolledBack) {
        return rolledBack.decidedBy().map(p -> "user-elected (" + p + ")").orElse("auto");
    }

    static String smokeAfter(Outcome.RolledBack rolledBack) {
        if (rolledBack.smokeAfter().isEmpty()) return "none ran";
        return rolledBack.smokeAfter().stream().allMatch(ReportModel.SmokeTest::passed) ? "pass" : "fail";
    }

    static String notified(RunEvent.Notified n) {
        return (n.delivered() ? "notified " : "NOT notified ") + n.channel() + ": " + n.detail();
    }

    static String gap(RunEvent.WatchGap g, Times times) {
        return "not watched from " + times.when(g.from()) + " to " + times.when(g.to())
                + " (the coordinator was down); the watch was longer by that time";
    }

    static String handover(ReportModel.Handover h, Times times) {
        return "taken up at " + times.when(h.at()) + " by coordinator " + h.to() + ", after coordinator " + h.from()
                + " stopped before the run ended";
    }

    static String noLesson(ReportModel.Summary summary) {
        return "None written down yet: gantry report " + summary.environment()
                + " --lesson \"...\" --as NAME adds one.";
    }

    /** The flags a rollback turned off, each with the time it went off: "new-checkout at 14:05:00". */
    static String flagsOff(java.util.List<dev.gantry.rollout.RunEvent.FlagTurnedOff> flags, Times times) {
        return String.join(
                ", ",
                flags.stream()
                        .map(f -> f.flag() + " at " + times.when(f.offAt()))
                        .toList());
    }
}
