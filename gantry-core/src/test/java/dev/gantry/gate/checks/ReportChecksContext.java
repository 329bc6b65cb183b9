package dev.gantry.gate.checks;

import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.Checks;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The context the report checks (junit, sarif, benchmark) see in tests: files under a folder, release 1.4.0
 * tagged v1.4.0 to production. They read files only, so there is no git repository behind it.
 */
final class ReportChecksContext {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private ReportChecksContext() {}

    static CheckContext in(Path root) {
        return new CheckContext(
                root,
                null,
                Plan.DEFAULTS,
                "production",
                Version.parse("1.4.0"),
                "v1.4.0",
                Optional.empty(),
                COMMIT,
                ReleaseType.MINOR,
                false,
                Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC),
                null,
                Map.of());
    }

    /** Writes {@code content} as UTF-8 to {@code name} under {@code root}, creating its folders. */
    static Path write(Path root, String name, String content) throws Exception {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Makes a FIFO at {@code file}: a check that opened it would wait for a writer forever. */
    static Path fifo(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Process mkfifo =
                new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) throw new AssertionError("mkfifo " + file + " failed");
        return file;
    }

    /** A sparse file of {@code size} bytes: as large as that to every reader, with no disk taken. */
    static Path sparse(Path file, long size) throws Exception {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    /** The check of the plan's first criterion, with the plan written to {@code gantry.yaml} under {@code dir}. */
    static Check firstCheck(Path dir, String yaml) throws Exception {
        return Checks.check(plan(dir, yaml).criteria().get(0).check());
    }

    static Plan plan(Path dir, String yaml) throws Exception {
        return PlanFile.load(write(dir, "gantry.yaml", yaml), true, PlugIns.registries());
    }

    /** The errors the plan has, as "file:line:column: key: message". */
    static List<String> planErrors(Path dir, String yaml) throws Exception {
        try {
            plan(dir, yaml);
        } catch (PlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        }
        throw new AssertionError("expected plan errors");
    }
}
