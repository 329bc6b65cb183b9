package dev.gantry.plan.lint;

import dev.gantry.binding.Positions;
import dev.gantry.plan.DepEntry;
import dev.gantry.plan.lint.Finding.Level;
import java.util.ArrayList;
import java.util.List;

/** What the rules of one check found, each placed at the key of the record it concerns. */
final class Findings {

    private final Positions positions;
    private final List<Finding> found = new ArrayList<>();

    Findings(Positions positions) {
        this.positions = positions;
    }

    /** A finding on {@code key} of a DEP- entry. */
    void entry(String rule, Level level, DepEntry e, String key, String message) {
        at(rule, level, e.id() == null ? "" : e.id(), e, key, message);
    }

    /** A finding on {@code key} of any bound record, the DEP- entry it belongs to named by {@code entry}. */
    void at(String rule, Level level, String entry, Object record, String key, String message) {
        String path = positions.pathOf(record);
        found.add(new Finding(
                rule, level, entry, positions.of(record, key), path.isEmpty() ? key : path + "." + key, message));
    }

    /** Whether {@code record} was written in the plan file, rather than made from defaults. */
    boolean written(Object record) {
        return !positions.pathOf(record).isEmpty();
    }

    List<Finding> all() {
        return List.copyOf(found);
    }
}
