package dev.gantry.flags.sdk;

import dev.gantry.flags.sdk.state.FlagState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates flags of one state as Unleash does. Built once per state (everything that can be is prepared then);
 * {@link #isEnabled} allocates nothing for on/off and rollout flags, {@link #evaluate} also explains.
 *
 * <p>Thread-safe: the evaluator is immutable, and a new state means a new evaluator.
 */
public final class FlagEvaluator {

    private static final int NO_STRATEGIES = -1;
    private static final int NOT_FOUND = -2;
    private static final int INVALID = -3;
    private static final int OFF = -4;
    private static final int DEPENDENCY = -5;
    private static final int NO_MATCH = -6;

    /** What the explaining path records on the way; the fast path passes {@code null}. */
    private static final class Trace {
        final List<Reason.StrategyMiss> misses = new ArrayList<>();
        String parent;
        String why;
    }

    private final Map<String, CompiledFlag> flags;
    private final EvaluatorOptions options;

    private FlagEvaluator(Map<String, CompiledFlag> flags, EvaluatorOptions options) {
        this.flags = flags;
        this.options = options;
    }

    public static FlagEvaluator of(FlagState state, EvaluatorOptions options) {
        return new FlagEvaluator(FlagCompiler.compile(state, options), options);
    }

    public Set<String> flagNames() {
        return flags.keySet();
    }

    public boolean isEnabled(String flag, FlagContext context) {
        int decision = decide(flags.get(flag), context, flag, null);
        return decision >= 0 || decision == NO_STRATEGIES;
    }

    public Evaluation evaluate(String flag, FlagContext context) {
        CompiledFlag compiled = flags.get(flag);
        Trace trace = new Trace();
        int decision = decide(compiled, context, flag, trace);
        boolean enabled = decision >= 0 || decision == NO_STRATEGIES;
        VariantResult variant = VariantResult.DISABLED;
        if (enabled) {
            VariantSet set = decision >= 0 && compiled.strategies[decision].variants != null
                    ? compiled.strategies[decision].variants
                    : compiled.variants;
            VariantResult picked = set == null ? null : set.pick(context, options.random());
            variant = picked == null ? VariantResult.DISABLED : picked;
        }
        return new Evaluation(flag, enabled, variant, reason(flag, compiled, decision, trace));
    }

    private static Reason reason(String flag, CompiledFlag compiled, int decision, Trace trace) {
        if (decision >= 0) {
            CompiledStrategy strategy = compiled.strategies[decision];
            return new Reason.StrategyMatched(strategy.index, strategy.name, strategy.conditions.length);
        }
        return switch (decision) {
            case NO_STRATEGIES -> new Reason.NoStrategies();
            case NOT_FOUND -> new Reason.FlagNotFound(flag);
            case INVALID -> new Reason.FlagInvalid(compiled.invalid);
            case OFF -> new Reason.FlagOff();
            case DEPENDENCY -> new Reason.DependencyNotMet(trace.parent, trace.why);
            default -> new Reason.NoStrategyMatched(trace.misses);
        };
    }

    /** The index of the strategy that turned the flag on, or one of the negative outcomes above. */
    private int decide(CompiledFlag flag, FlagContext context, String groupFallback, Trace trace) {
        if (flag == null) {
            return NOT_FOUND;
        }
        if (flag.invalid != null) {
            return INVALID;
        }
        if (!flag.enabled) {
            return OFF;
        }
        for (CompiledFlag.Requirement requirement : flag.requirements) {
            if (!met(flag, requirement, context, trace)) {
                return DEPENDENCY;
            }
        }
        return firstMatch(flag, context, groupFallback, trace);
    }

    private static int firstMatch(CompiledFlag flag, FlagContext context, String groupFallback, Trace trace) {
        if (flag.strategies.length == 0) {
            return NO_STRATEGIES;
        }
        for (CompiledStrategy strategy : flag.strategies) {
            int check = strategy.check(context, groupFallback);
            if (check == CompiledStrategy.MATCHED) {
                return strategy.index;
            }
            if (trace != null) {
                String why = check == CompiledStrategy.RULE_MISSED
                        ? strategy.missed
                        : strategy.conditionTexts[check] + " did not hold";
                trace.misses.add(new Reason.StrategyMiss(
                        strategy.index, strategy.name, check == CompiledStrategy.RULE_MISSED ? -1 : check, why));
            }
        }
        return NO_MATCH;
    }

    /**
     * Unleash's rule for a parent: it must exist, have no parents of its own (one level only, which also ends any
     * cycle), be on or off as required, and, when variants are listed, give one of them. The parent is evaluated with
     * the child's name as the fallback rollout group, as Unleash does.
     */
    private boolean met(CompiledFlag child, CompiledFlag.Requirement requirement, FlagContext context, Trace trace) {
        CompiledFlag parent = flags.get(requirement.parent());
        String why = null;
        if (parent == null) {
            why = "flag " + requirement.parent() + " is not in the state";
        } else if (parent.requirements.length > 0) {
            why = dependsOnChild(parent, child.name)
                    ? "dependency cycle: " + requirement.parent() + " depends on " + child.name
                    : requirement.parent() + " depends on other flags itself, and only one level is followed";
        } else {
            int decision = parent.invalid != null
                    ? INVALID
                    : !parent.enabled ? OFF : firstMatch(parent, context, child.name, null);
            boolean parentEnabled = decision >= 0 || decision == NO_STRATEGIES;
            if (!requirement.variants().isEmpty()) {
                VariantResult variant = parentVariant(parent, context, child.name);
                if (variant != null && !requirement.variants().contains(variant.name())) {
                    why = requirement.parent() + " gives variant " + variant.name() + ", not one of "
                            + requirement.variants();
                }
            }
            if (why == null && parentEnabled != requirement.enabled()) {
                why = requirement.parent()
                        + (parentEnabled ? " is on, this flag needs it off" : " is off, this flag needs it on");
            }
        }
        if (why != null && trace != null) {
            trace.parent = requirement.parent();
            trace.why = why;
        }
        return why == null;
    }

    /** The parent's variant as Unleash computes it for a dependency: whether or not the parent is on. */
    private VariantResult parentVariant(CompiledFlag parent, FlagContext context, String groupFallback) {
        VariantSet set = parent.variants;
        for (CompiledStrategy strategy : parent.strategies) {
            if (strategy.check(context, groupFallback) == CompiledStrategy.MATCHED) {
                if (strategy.variants != null) {
                    set = strategy.variants;
                }
                break;
            }
        }
        return set == null ? null : set.pick(context, options.random());
    }

    private boolean dependsOnChild(CompiledFlag parent, String child) {
        for (CompiledFlag.Requirement requirement : parent.requirements) {
            if (requirement.parent().equals(child)) {
                return true;
            }
        }
        return false;
    }
}
