package dev.gantry.documents;

import dev.gantry.plan.Flag;
import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rollback steps of a release: the release process's order (the release's feature flags off for instant
 * mitigation, as the rollback does before traffic moves,
 * traffic back to the previous version, notify, investigate) merged with the steps the plan's rollback triggers
 * give. A plan step that names one of those kinds takes its place; a step that names none comes after the
 * traffic is back, in the plan's order; a kind no plan step names keeps the standard wording.
 */
public final class RollbackProcedure {

    /** The kinds of rollback step, in the order they are done. */
    enum Kind {
        FLAGS("\\bflags?\\b"),
        TRAFFIC("\\btraffic\\b|\\brevert|\\broll ?back\\b|\\bprevious version\\b|\\bswitch back\\b"),
        OTHER(null),
        NOTIFY("\\bnotif|\\balert|\\bpage\\b|\\binform|\\btell\\b|\\bannounce|\\bcommunicat"),
        INVESTIGATE("\\binvestigat|\\broot cause\\b|\\bpost-incident\\b|\\bpostmortem\\b|\\bpost-mortem\\b");

        private final Pattern words;

        Kind(String words) {
            this.words = words == null ? null : Pattern.compile(words);
        }

        boolean named(String step) {
            return words != null && words.matcher(step.toLowerCase(Locale.ROOT)).find();
        }
    }

    private RollbackProcedure() {}

    /** The steps of a rollback of {@code version}, in order, each one line. */
    public static List<String> steps(Plan plan, String version) {
        Map<Kind, List<String>> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) byKind.put(kind, new ArrayList<>());
        Set<Kind> covered = EnumSet.noneOf(Kind.class);
        for (String step : planSteps(plan)) {
            Set<Kind> named = EnumSet.noneOf(Kind.class);
            for (Kind kind : Kind.values()) {
                if (kind.named(step)) named.add(kind);
            }
            // A step naming several kinds ("notify and investigate") is done where the first of them is.
            Kind place = named.isEmpty() ? Kind.OTHER : named.iterator().next();
            byKind.get(place).add(step);
            covered.addAll(named);
        }
        List<String> steps = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (!covered.contains(kind)) standard(kind, plan, version).ifPresent(steps::add);
            steps.addAll(byKind.get(kind));
        }
        return steps;
    }

    private static List<String> planSteps(Plan plan) {
        Set<String> steps = new LinkedHashSet<>();
        for (RollbackTrigger trigger : plan.rollback()) {
            for (String step : trigger.procedure()) {
                if (!step.isBlank()) steps.add(Text.oneLine(step));
            }
        }
        return new ArrayList<>(steps);
    }

    private static Optional<String> standard(Kind kind, Plan plan, String version) {
        List<String> flags =
                plan.flagsOfRelease(version).stream().map(Flag::name).toList();
        return switch (kind) {
            case FLAGS ->
                flags.isEmpty()
                        ? Optional.empty()
                        : Optional.of("Set feature flags OFF: " + String.join(", ", flags)
                                + " (instant mitigation; Gantry does it before traffic moves)");
            case TRAFFIC -> Optional.of("Revert traffic to the previous version");
            case OTHER -> Optional.empty();
            case NOTIFY -> Optional.of("Notify stakeholders" + channels(plan));
            case INVESTIGATE -> Optional.of("Investigate the root cause, fix and re-release");
        };
    }

    private static String channels(Plan plan) {
        Set<String> channels = new LinkedHashSet<>();
        plan.rollback().forEach(t -> channels.addAll(t.notification()));
        return channels.isEmpty() ? "" : ": " + String.join(", ", channels);
    }
}
