package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.Criterion;
import dev.gantry.plan.Plan;
import dev.gantry.store.StoreException;
import dev.gantry.store.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evaluates every criterion of the plan that applies to an environment. A check that throws is an Error, never
 * a pass; a criterion without a check is met only when a person ticked it on the checklist.
 */
public final class Gate {

    public static final String MANUAL = "manual";

    /** The outcome of a plan that weakens the server's policy: its id and check type. */
    public static final String POLICY = "policy";

    private final Function<CheckSpec, String> typeNames;

    /** The check type of the approvals criterion, as the plan names it. */
    private static final String APPROVALS = "approvals";

    public Gate() {
        this(Checks.typeName());
    }

    Gate(Function<CheckSpec, String> typeNames) {
        this.typeNames = typeNames;
    }

    /**
     * @param overrides checked beforehand with {@link Overrides#of}; each applies to its criterion
     */
    public GateResult evaluate(CheckContext context, List<GateOverride> overrides) throws StoreException {
        Plan plan = context.plan();
        Map<String, GateOverride> overridden =
                overrides.stream().collect(Collectors.toMap(GateOverride::criterion, o -> o, (a, b) -> b));
        // A tick counts for the commit it was given for: one of another commit of the version is not this one's.
        List<Tick> ticks = context.log() == null
                ? List.of()
                : context.log().ticks(context.version().toString()).stream()
                        .filter(t -> t.of(context.commit()))
                        .toList();
        Instant started = context.clock().instant();
        Set<String> held = heldByPolicy(context);
        List<CriterionOutcome> outcomes = new ArrayList<>();
        for (Criterion criterion : plan.criteria()) {
            if (!criterion.appliesTo(context.environment())) continue;
            Instant before = context.clock().instant();
            Uploads read = context.uploads().tracking();
            CheckResult result = criterion
                    .machineCheck()
                    .map(check -> run(check, context.with(read)))
                    .orElseGet(() -> manual(criterion, ticks));
            Duration took = Duration.between(before, context.clock().instant());
            Optional<GateOverride> override = Optional.ofNullable(overridden.get(criterion.id()));
            String kind = criterion.machineCheck().map(typeNames).orElse(MANUAL);
            if (override.isPresent() && (held.contains(criterion.id()) || held.contains(kind))) {
                // What the server policy asks for is not a plan's to let pass, nor a person's.
                if (result.status() != CheckResult.Status.MET) {
                    result = new CheckResult(
                            result.status(),
                            result.evidence() + " (the override by "
                                    + override.get().person()
                                    + " does not count: the server policy \""
                                    + context.policy().orElseThrow().name() + "\" holds this criterion)",
                            result.details(),
                            result.facts());
                }
                override = Optional.empty();
            }
            outcomes.add(new CriterionOutcome(
                    criterion.id(),
                    criterion.title(),
                    criterion.isBlocker(),
                    criterion.machineCheck().map(typeNames).orElse(MANUAL),
                    // What was checked for this release: "CHANGELOG.md has a heading with "1.4.0"", not "{version}".
                    context.expand(
                            criterion.machineCheck().map(CheckSpec::describe).orElse(verification(criterion))),
                    result,
                    took,
                    override,
                    read.read()));
        }
        if (context.policy().isPresent()) {
            List<String> lacks = PolicyRules.lacks(
                    plan, context.policy().get(), context.environment(), context.releaseType(), typeNames);
            if (!lacks.isEmpty()) {
                // Not a criterion of the plan: no override names it, so a plan that weakens the policy never passes.
                outcomes.add(new CriterionOutcome(
                        POLICY,
                        "The plan keeps the server policy \""
                                + context.policy().get().name() + "\"",
                        true,
                        POLICY,
                        "the plan asks at least what the server policy asks",
                        CheckResult.unmet(PolicyRules.refusal(context.policy().get(), lacks)),
                        Duration.ZERO,
                        Optional.empty(),
                        List.of()));
            }
        }
        return new GateResult(
                context.environment(),
                context.version(),
                context.releaseType(),
                context.commit(),
                started,
                outcomes,
                overrides);
    }

    /**
     * The criteria a server policy holds, by id or check type, which no override lets pass: the blockers it names,
     * and the approvals when it asks for approvers.
     */
    private static Set<String> heldByPolicy(CheckContext context) {
        if (context.policy().isEmpty()) return Set.of();
        Set<String> held = new java.util.HashSet<>(
                PolicyRules.blockers(context.policy().get(), context.environment(), context.releaseType()));
        if (!PolicyRules.approvers(context.policy().get(), Optional.of(context.environment()), context.releaseType())
                .isEmpty()) held.add(APPROVALS);
        return held;
    }

    private static CheckResult run(CheckSpec check, CheckContext context) {
        try {
            CheckResult result = Checks.check(check).evaluate(context);
            return result != null ? result : CheckResult.error("the check gave no result");
        } catch (RuntimeException e) {
            return CheckResult.error("the check failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    private static CheckResult manual(Criterion criterion, List<Tick> ticks) {
        return ticks.stream()
                .filter(t -> t.item().equals(criterion.id()))
                .max(Comparator.comparing(Tick::at))
                .map(t -> CheckResult.met("ticked by " + t.person() + " at " + t.at()
                        + (t.note() == null || t.note().isBlank() ? "" : ": " + t.note())))
                .orElseGet(() -> CheckResult.unmet("manual criterion not ticked for this commit yet: gantry tick "
                        + criterion.id() + " --as NAME"));
    }

    private static String verification(Criterion criterion) {
        if (criterion.verification() != null) return criterion.verification();
        return criterion.requirement() != null ? criterion.requirement() : criterion.title();
    }
}
