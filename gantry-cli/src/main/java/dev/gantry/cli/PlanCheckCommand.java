package dev.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantry.binding.Bound;
import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.plan.lint.Finding;
import dev.gantry.plan.lint.PlanLint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check the plan: syntax and types first (file:line:column, key path, expected and found), then the"
                    + " quality gates of a release plan and its anti-patterns, each finding with a rule id, a level"
                    + " and the DEP- entry it concerns.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 clean    8 warnings only    2 errors (the plan cannot be used, or breaks a quality gate)",
            "",
            "Examples:",
            "  gantry plan check",
            "  gantry plan check --json | jq '.findings[] | select(.level == \"error\")'"
        })
final class PlanCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path file = workspace.config != null
                ? workspace.config
                : workspace.repository().root().resolve(PlanFile.NAME);
        if (!Files.exists(file)) throw new IOException("plan file " + file + " does not exist; gantry init writes one");
        List<Finding> findings = new ArrayList<>();
        List<PlanError> errors = List.of();
        try {
            Bound<Plan> bound = PlanFile.bind(file, PlugIns.registries());
            findings.addAll(PlanLint.check(bound));
        } catch (PlanException e) {
            errors = e.errors();
        }
        PrintWriter out = spec.commandLine().getOut();
        long errorCount = errors.size()
                + findings.stream()
                        .filter(f -> f.level() == Finding.Level.ERROR)
                        .count();
        long warnings = findings.stream()
                .filter(f -> f.level() == Finding.Level.WARNING)
                .count();
        if (json) {
            out.println(json(file, errors, findings));
        } else {
            errors.forEach(e -> out.println(e.position() + ": error [invalid] "
                    + (e.keyPath().isEmpty() ? "" : e.keyPath() + ": ") + e.message()));
            findings.forEach(out::println);
            spec.commandLine()
                    .getErr()
                    .println(file.getFileName() + ": " + errorCount + " error" + (errorCount == 1 ? "" : "s") + ", "
                            + warnings + " warning" + (warnings == 1 ? "" : "s"));
        }
        out.flush();
        if (errorCount > 0) return ExitCode.INVALID;
        return warnings > 0 ? ExitCode.WARNINGS : ExitCode.OK;
    }

    private static String json(Path file, List<PlanError> errors, List<Finding> findings) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (PlanError e : errors) {
            all.add(finding(
                    "invalid", "error", "", e.position().line(), e.position().column(), e.keyPath(), e.message()));
        }
        for (Finding f : findings) {
            all.add(finding(
                    f.rule(),
                    f.level().label(),
                    f.entry(),
                    f.position().line(),
                    f.position().column(),
                    f.keyPath(),
                    f.message()));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", file.toString());
        root.put("findings", all);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static Map<String, Object> finding(
            String rule, String level, String entry, int line, int column, String keyPath, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("level", level);
        m.put("entry", entry);
        m.put("line", line);
        m.put("column", column);
        m.put("keyPath", keyPath);
        m.put("message", message);
        return m;
    }
}
