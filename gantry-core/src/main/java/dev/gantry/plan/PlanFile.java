package dev.gantry.plan;

import dev.gantry.binding.Bound;
import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.binding.Registries;
import dev.gantry.binding.YamlBinder;
import dev.gantry.files.RegularFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads {@code gantry.yaml}: shape and types through the binder, then the checks across entries. The caller hands
 * over the registries of checks, targets, metric sources and notifiers, whose records the plan's specs are.
 */
public final class PlanFile {

    public static final String NAME = "gantry.yaml";

    /**
     * A plan of every kind of entry for a dozen components is about 50 KiB; a file twenty times that is not a plan,
     * and reading it whole only costs memory.
     */
    public static final long MAX_BYTES = 1L << 20;

    private PlanFile() {}

    /** The plan at {@code file}, or the defaults when the file does not exist and was not asked for by name. */
    public static Plan load(Path file, boolean required, Registries registries) throws IOException, PlanException {
        if (!Files.exists(file)) {
            if (required) throw new IOException("plan file " + file + " does not exist");
            return Plan.DEFAULTS;
        }
        return bind(file, registries).value();
    }

    /**
     * The plan at {@code file} with the position of each of its parts, for checks that name them.
     *
     * @throws IOException also when the file is not a regular file (a FIFO or a device is never opened) or holds
     *     more than {@link #MAX_BYTES}
     */
    public static Bound<Plan> bind(Path file, Registries registries) throws IOException, PlanException {
        Bound<Plan> bound = YamlBinder.bind(file, read(file), Plan.class, registries);
        List<PlanError> errors = crossChecks(bound);
        errors.addAll(PlanReferences.check(bound));
        errors.addAll(ApproverCountRules.check(bound));
        if (!errors.isEmpty()) throw new PlanException(errors);
        return bound;
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return RegularFile.read(file, "plan file " + file, "a YAML file", MAX_BYTES, "a plan file may have");
        } catch (RegularFile.Refused e) {
            throw new IOException(e.getMessage());
        }
    }

    private static List<PlanError> crossChecks(Bound<Plan> bound) {
        List<PlanError> errors = new ArrayList<>();
        List<Component> components = bound.value().components();
        Set<String> names = new LinkedHashSet<>();
        for (Component c : components) {
            if (!names.add(c.name())) {
                errors.add(error(bound, c, "name", "duplicate component \"" + c.name() + "\""));
            }
        }
        for (Component c : components) {
            for (String dependency : c.dependsOn()) {
                if (!names.contains(dependency)) {
                    errors.add(error(
                            bound,
                            c,
                            "dependsOn",
                            "unknown component \"" + dependency + "\"; components are " + String.join(", ", names)));
                } else if (dependency.equals(c.name())) {
                    errors.add(error(bound, c, "dependsOn", "a component cannot depend on itself"));
                }
            }
        }
        Set<String> patterns = new HashSet<>();
        for (Component c : components) {
            for (int i = 0; i < c.tagPattern().size(); i++) {
                var pattern = c.tagPattern().get(i);
                if (!patterns.add(pattern.toString())) {
                    errors.add(error(
                            bound,
                            c,
                            c.tagPattern().size() == 1 ? "tagPattern" : "tagPattern[" + i + "]",
                            "tag pattern \"" + pattern
                                    + "\" is used by another component; each component needs tags of its own"));
                }
            }
        }
        return errors;
    }

    static PlanError error(Bound<Plan> bound, Object record, String key, String message) {
        String path = bound.positions().pathOf(record);
        return new PlanError(bound.positions().of(record, key), path + "." + key, message);
    }
}
