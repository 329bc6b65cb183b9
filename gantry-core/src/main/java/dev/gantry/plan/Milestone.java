package dev.gantry.plan;

import java.time.Duration;

/** The points of the release timeline a checklist item belongs to, each at its distance from the deploy. */
public enum Milestone {
    READINESS("Pre-release readiness", "T-3 days", Duration.ofDays(-3)),
    STAGING("Staging deployment", "T-1 day", Duration.ofDays(-1)),
    GO_NO_GO("Go/no-go decision", "T-4 hours", Duration.ofHours(-4)),
    DEPLOYMENT("Production deployment", "T-0", Duration.ZERO),
    POST_DEPLOYMENT("Post-deployment", "within 2 hours", Duration.ofHours(2));

    private final String title;
    private final String when;
    private final Duration offset;

    Milestone(String title, String when, Duration offset) {
        this.title = title;
        this.when = when;
        this.offset = offset;
    }

    public String title() {
        return title;
    }

    public String when() {
        return when;
    }

    public Duration offset() {
        return offset;
    }
}
