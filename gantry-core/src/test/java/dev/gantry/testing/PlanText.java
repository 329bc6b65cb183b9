package dev.gantry.testing;

import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A plan written as gantry.yaml in a test's folder and loaded as Gantry loads it. */
public final class PlanText {

    private PlanText() {}

    public static Plan load(Path dir, String yaml) throws IOException, PlanException {
        Path file = dir.resolve(PlanFile.NAME);
        Files.writeString(file, yaml);
        return PlanFile.load(file, true, PlugIns.registries());
    }

    /** The errors loading {@code yaml} gives, one line each; fails when it loads. */
    public static List<String> errors(Path dir, String yaml) throws IOException {
        try {
            load(dir, yaml);
        } catch (PlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        }
        throw new AssertionError("expected plan errors");
    }
}
