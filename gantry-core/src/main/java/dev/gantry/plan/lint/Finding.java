package dev.gantry.plan.lint;

import dev.gantry.binding.Position;

/**
 * Something {@code gantry plan check} says about a plan that loads: a quality gate it misses or an anti-pattern
 * it shows.
 *
 * @param rule a stable id such as {@code owner-missing}, for people to look up and for scripts to filter
 * @param entry the DEP- entry it concerns; empty for the plan as a whole
 */
public record Finding(String rule, Level level, String entry, Position position, String keyPath, String message) {

    public enum Level {
        ERROR,
        WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return position + ": " + level.label() + " [" + rule + "] " + (entry.isEmpty() ? "" : entry + ": ") + message;
    }
}
