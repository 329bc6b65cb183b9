package dev.gantry.server.web;

import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.Verdict;
import java.util.Optional;

/** A state as a coloured label that also says it in words, so that no reader needs the colour. */
public enum Badge {
    OK("ok", "✓"),
    BAD("bad", "✗"),
    WARN("warn", "!"),
    RUNNING("running", "▶"),
    IDLE("idle", "–");

    private final String css;
    private final String mark;

    Badge(String css, String mark) {
        this.css = css;
        this.mark = mark;
    }

    public String html(String words) {
        return "<span class=\"badge " + css + "\"><span class=\"mark\" aria-hidden=\"true\">" + mark + "</span> "
                + Markup.esc(words) + "</span>";
    }

    public static Badge of(Verdict verdict) {
        return switch (verdict) {
            case RELEASED -> OK;
            case RELEASED_WITH_OVERRIDE, ABORTED -> WARN;
            case ROLLED_BACK, ROLLBACK_FAILED -> BAD;
        };
    }

    /** How an environment's last run stands, in a word or three. */
    public static String of(Optional<EnvironmentStatus.LastRun> last) {
        if (last.isEmpty()) return IDLE.html("no release yet");
        Optional<RunEvent.Ended> end = last.get().summary().end();
        if (end.isPresent())
            return of(end.get().verdict()).html(end.get().verdict().label());
        if (last.get().view().waiting().isPresent()) return WARN.html("waiting for a decision");
        return RUNNING.html("running: " + last.get().view().phase().title());
    }
}
