package dev.gantry.plan;

import dev.gantry.version.ReleaseType;
import java.time.Duration;
import java.util.List;

/**
 * What a release of each type gets when the plan says nothing else: its strategy, the rollout steps with the
 * watch after each, and how long before the deploy its planning starts.
 *
 * <p>The values follow the release process: a hotfix goes out at once and is monitored for an hour; a patch
 * rolls out and is watched for 30 minutes, the upper end of the 15-30 minutes after a production deploy; minor
 * and major releases are canaries (10% → 50% → 100% and 1% → 10% → 50% → 100%) whose steps are watched 1, 2 and
 * 4 hours as the release plan's canary phases are, the full rollout 24 hours. Lead times are the release types'
 * timelines: under 4 hours, 1-2 days, 1 week, 2-4 weeks.
 *
 * @param phases the rollout steps in order; the last one is always 100%
 */
public record ReleaseDefaults(ReleaseType type, Strategy strategy, List<Phase> phases, LeadTime leadTime) {

    /** One rollout step: the share of traffic or instances on the new version, and how long it is watched. */
    public record Phase(int percent, Duration watch) {
        public Phase {
            if (percent < 1 || percent > 100)
                throw new IllegalArgumentException("a step is 1% to 100%, got " + percent);
        }
    }

    /**
     * How long before the deploy the release is planned: from {@code min} to {@code max}.
     *
     * @param label the span in words, as release plans state it
     */
    public record LeadTime(Duration min, Duration max, String label) {}

    public ReleaseDefaults {
        phases = List.copyOf(phases);
        if (phases.isEmpty() || phases.get(phases.size() - 1).percent() != 100) {
            throw new IllegalArgumentException("a rollout ends at 100%");
        }
    }

    public static ReleaseDefaults of(ReleaseType type) {
        return switch (type) {
            case HOTFIX ->
                new ReleaseDefaults(
                        type,
                        Strategy.ALL_AT_ONCE,
                        List.of(new Phase(100, Duration.ofHours(1))),
                        new LeadTime(Duration.ZERO, Duration.ofHours(4), "under 4 hours"));
            case PATCH ->
                new ReleaseDefaults(
                        type,
                        Strategy.ROLLING,
                        List.of(new Phase(100, Duration.ofMinutes(30))),
                        new LeadTime(Duration.ofDays(1), Duration.ofDays(2), "1-2 days"));
            case MINOR ->
                new ReleaseDefaults(
                        type,
                        Strategy.CANARY,
                        List.of(
                                new Phase(10, Duration.ofHours(1)),
                                new Phase(50, Duration.ofHours(2)),
                                new Phase(100, Duration.ofHours(24))),
                        new LeadTime(Duration.ofDays(7), Duration.ofDays(7), "1 week"));
            case MAJOR ->
                new ReleaseDefaults(
                        type,
                        Strategy.CANARY,
                        List.of(
                                new Phase(1, Duration.ofHours(1)),
                                new Phase(10, Duration.ofHours(2)),
                                new Phase(50, Duration.ofHours(4)),
                                new Phase(100, Duration.ofHours(24))),
                        new LeadTime(Duration.ofDays(14), Duration.ofDays(28), "2-4 weeks"));
        };
    }
}
