package dev.gantry.plan;

import dev.gantry.binding.Variants;

/**
 * A channel that tells people what happened to a run, as the plan writes it under
 * {@code notifications: [{ name: ..., type: ..., ... }]}. The plan only holds it: the registry of notifiers names
 * each record and gives its behaviour, so the plan depends on no notifier.
 */
@Variants
public interface NotifierSpec {

    /** The channel's name, which a rollback trigger's {@code notification} list gives to send to it. */
    String name();

    /**
     * Whether a {@code notification} entry is written as a channel's name: one word, without {@code #} or
     * {@code @}. Anything else is free text.
     */
    static boolean looksLikeChannel(String entry) {
        // White space as a regular expression's \s has it: space, tab, line feed, vertical tab, form feed, return.
        return !entry.isEmpty() && entry.chars().noneMatch(c -> " \t\n\u000B\f\r#@".indexOf(c) >= 0);
    }
}
