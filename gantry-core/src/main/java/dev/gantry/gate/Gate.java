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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evaluates every criterion of the plan that applies to an environment. A check that throws is an Error, never
 * a pass; a criterion without a check is met only when a person ticked it on the checklist.
 */
public final class Gate {

    public static final String MANUAL = "manual";

    private final Function<CheckSpec, String> typeNames;

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
        List<Tick> ticks = context.log() == null
                ? List.of()
                : context.log().ticks(context.version().toString());
        Instant started = context.clock().instant();
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
                    Optional.ofNullable(overridden.get(criterion.id())),
                    read.read()));
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
                .orElseGet(() -> CheckResult.unmet(
                        "manual criterion not ticked yet: gantry tick " + criterion.id() + " --as NAME"));
    }

    private static String verification(Criterion criterion) {
        if (criterion.verification() != null) return criterion.verification();
        return criterion.requirement() != null ? criterion.requirement() : criterion.title();
    }
}
