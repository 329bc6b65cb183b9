package dev.gantry.cli;

import dev.gantry.rollout.RunEvent;

/** One readable line per run event. */
final class RunLines {

    private RunLines() {}

    static String of(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            return "started " + s.version() + " in " + s.environment() + " (replacing "
                    + (s.previousVersion() == null ? "nothing" : s.previousVersion()) + ") by " + s.actor();
        }
        if (event instanceof RunEvent.PhaseEntered p)
            return "phase " + p.phase().number() + ": " + p.phase().title();
        if (event instanceof RunEvent.GateDecided g)
            return "gate: " + g.decision().label() + " (" + g.summary() + ")";
        if (event instanceof RunEvent.StrategyChosen s) {
            return "strategy: " + s.chosen().label()
                    + (s.chosen() == s.recommended()
                            ? " (recommended)"
                            : " (recommended " + s.recommended().label() + "; " + s.reason() + ")");
        }
        if (event instanceof RunEvent.ActionStarted a) {
            return a.action() + (a.action() == dev.gantry.rollout.Action.SET_WEIGHT ? " " + a.weight() + "%" : "")
                    + " [" + a.stepId() + "]";
        }
        if (event instanceof RunEvent.ActionFinished f) return (f.ok() ? "  done: " : "  FAILED: ") + f.message();
        if (event instanceof RunEvent.ValidationRan v) {
            return "smoke test " + v.id() + " " + (v.passed() ? "Pass" : "Fail") + " in " + v.millis() + " ms: "
                    + v.notes();
        }
        if (event instanceof RunEvent.Sampled s) {
            return "sample " + s.trigger() + " " + (s.metric() == null ? "" : s.metric() + " ")
                    + (s.value() == null ? "no data (" + s.problem() + ")" : String.valueOf(s.value())) + " "
                    + s.state();
        }
        if (event instanceof RunEvent.Breached b)
            return "BREACH " + b.trigger() + " (" + b.severity().name().toLowerCase(java.util.Locale.ROOT) + "): "
                    + b.reason();
        if (event instanceof RunEvent.BaselineMeasured b) {
            return "baseline " + b.trigger() + ": "
                    + (b.value() == null ? "none (" + b.problem() + ")" : String.valueOf(b.value()));
        }
        if (event instanceof RunEvent.Noted n) return n.what();
        if (event instanceof RunEvent.TagPushed p) return p.sentence();
        // What git said comes from the origin's hooks too: no escape sequences reach the terminal.
        if (event instanceof RunEvent.TagPushFailed f) return TerminalText.of(f.sentence());
        if (event instanceof RunEvent.FlagTurnedOff f)
            return "flag " + f.flag() + " turned off at " + f.offAt() + ", before traffic moves back";
        if (event instanceof RunEvent.RollbackDecided r) return "ROLLING BACK: " + r.reason();
        if (event instanceof RunEvent.Notified n) {
            return (n.delivered() ? "notified " : "NOT notified ") + n.channel() + ": " + n.detail();
        }
        if (event instanceof RunEvent.WatchGap g) {
            return "not watched from " + g.from() + " to " + g.to() + " (step " + g.step() + "): the coordinator was"
                    + " down; the window is longer by it";
        }
        if (event instanceof RunEvent.Requested r) {
            return r.person() + " asks to "
                    + r.ask().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + r.reason();
        }
        if (event instanceof RunEvent.RequestRefused r) return "request refused: " + r.reason();
        if (event instanceof RunEvent.Detached d) return d.reason();
        if (event instanceof RunEvent.TakenUp t)
            return "taken up by coordinator " + t.coordinator() + " after " + t.previous() + " stopped";
        if (event instanceof RunEvent.Paused p) return "paused: " + p.reason();
        if (event instanceof RunEvent.Decided d) {
            return (d.proceed() ? "continued" : "rolled back") + " by " + d.person() + ": " + d.reason();
        }
        if (event instanceof RunEvent.Ended e) {
            // The reason of a run that changed nothing live says so itself.
            return e.verdict().label() + ": " + e.reason();
        }
        return event.toString();
    }
}
