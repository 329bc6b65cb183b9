package dev.gantry.documents;

import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.plan.Milestone;
import dev.gantry.plan.Plan;
import dev.gantry.plan.ReleaseDefaults;
import dev.gantry.rollout.PlannedRollout;
import dev.gantry.store.Approval;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A release as its documents describe it: what goes out, when, under which plan, who signed off so far, and
 * what the scheduling had to say.
 *
 * @param deployAt the production deploy (T-0), in the zone the documents use
 * @param approvals the approvals given for this release so far
 * @param notes what the reader must know about the dates, such as a deploy moved out of a freeze
 */
public record PlannedRelease(
        Version version,
        ReleaseType type,
        ZonedDateTime deployAt,
        ReleaseChanges changes,
        Plan plan,
        List<Approval> approvals,
        List<String> notes) {

    public PlannedRelease {
        approvals = List.copyOf(approvals);
        notes = List.copyOf(notes);
    }

    /** The release placed by {@link Scheduling#place}: its deploy time and its notes. */
    public static PlannedRelease of(
            Version version,
            ReleaseType type,
            Schedule schedule,
            ReleaseChanges changes,
            Plan plan,
            List<Approval> approvals) {
        return new PlannedRelease(version, type, schedule.deployAt(), changes, plan, approvals, schedule.notes());
    }

    /** When each milestone falls, counted back (and forward) from the deploy. */
    public Map<Milestone, ZonedDateTime> timeline() {
        return Scheduling.timeline(deployAt);
    }

    public ReleaseDefaults defaults() {
        return ReleaseDefaults.of(type);
    }

    /** The rollout a run of this release performs under the plan: the strategy it chooses and the steps it watches. */
    public PlannedRollout rollout() {
        return PlannedRollout.of(type, plan.rollout(), null);
    }

    /**
     * Where a release lands on the calendar.
     *
     * @param timeline every milestone's time, in milestone order
     * @param notes moves and milestones that fall inside a freeze, in words
     */
    public record Schedule(ZonedDateTime deployAt, Map<Milestone, ZonedDateTime> timeline, List<String> notes) {
        public Schedule {
            timeline = Collections.unmodifiableMap(new EnumMap<>(timeline));
            notes = List.copyOf(notes);
        }
    }
}
