package dev.gantry.cli;

import dev.gantry.files.AtomicFile;
import dev.gantry.plan.PlanFile;
import dev.gantry.plan.StarterPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Write a starter gantry.yaml for this repository: its components where the layout shows them,"
                    + " staging and production, and the default criteria, rollback triggers, validations and"
                    + " approvals, commented so you can fill them in. Never overwrites an existing plan.",
            "Also adds .gantry/state/ (Gantry's local database) to .gitignore."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry init && gantry plan check"})
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    private final Clock clock;

    InitCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Path root = workspace.repository().root();
        Path plan = workspace.config != null ? workspace.config : root.resolve(PlanFile.NAME);
        if (Files.exists(plan)) {
            throw new ParameterException(
                    spec.commandLine(), plan + " already exists; gantry init never overwrites a plan");
        }
        boolean github = workspace
                .repository()
                .originUrl()
                .filter(u -> u.contains("github.com"))
                .isPresent();
        String person = workspace.repository().userName().orElse("Release Manager");
        StarterPlan.Facts facts = StarterPlan.facts(root, person, github, clock.getZone());
        // Created, not replaced: a plan written meanwhile by someone else is kept.
        AtomicFile.create(plan, StarterPlan.render(facts));
        ignoreState(root);
        var err = spec.commandLine().getErr();
        err.println("wrote " + plan);
        if (!facts.components().isEmpty()) err.println("components found: " + String.join(", ", facts.components()));
        err.println("next: fill in people and the links of each criterion, then run gantry plan check; an"
                + " environment releases once it has a target, and plan check then names the metrics and queries"
                + " its rollback triggers still need");
        return ExitCode.OK;
    }

    private static void ignoreState(Path root) throws java.io.IOException {
        Path ignore = root.resolve(".gitignore");
        String line = Workspace.STATE + "/";
        String text = Files.exists(ignore) ? Files.readString(ignore, StandardCharsets.UTF_8) : "";
        if (text.lines().anyMatch(l -> l.strip().equals(line) || l.strip().equals("/" + line))) return;
        String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        AtomicFile.write(ignore, text + separator + line + "\n");
    }
}
