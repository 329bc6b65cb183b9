package dev.gantry.flags.sdk;

/** A strategy ready to evaluate: its rule, then its constraints (its own, then its segments'), then its variants. */
final class CompiledStrategy {

    static final int MATCHED = -1;
    static final int RULE_MISSED = -2;

    final int index;
    final String name;
    final Rule rule;
    final String missed;
    final Condition[] conditions;
    final String[] conditionTexts;
    final VariantSet variants;

    CompiledStrategy(
            int index,
            String name,
            Strategies.Compiled compiled,
            Condition[] conditions,
            String[] conditionTexts,
            VariantSet variants) {
        this.index = index;
        this.name = name;
        this.rule = compiled.rule();
        this.missed = compiled.missed();
        this.conditions = conditions;
        this.conditionTexts = conditionTexts;
        this.variants = variants;
    }

    /** {@link #MATCHED}, {@link #RULE_MISSED}, or the index of the first constraint that failed. */
    int check(FlagContext context, String groupFallback) {
        if (!rule.matches(context, groupFallback)) {
            return RULE_MISSED;
        }
        for (int i = 0; i < conditions.length; i++) {
            if (!conditions[i].holds(context)) {
                return i;
            }
        }
        return MATCHED;
    }
}
