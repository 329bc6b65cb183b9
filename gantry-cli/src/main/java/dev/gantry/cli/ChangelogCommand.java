package dev.gantry.cli;

import dev.gantry.changelog.ChangelogFile;
import dev.gantry.changelog.KeepAChangelog;
import dev.gantry.changelog.Links;
import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.files.AtomicFile;
import dev.gantry.plan.Plan;
import dev.gantry.release.Draft;
import dev.gantry.release.ReleaseScope;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "changelog",
        sortOptions = false,
        description = {
            "Print the Keep a Changelog 1.1.0 section of the next release (the commits since the last one),"
                    + " or of any range, or the whole history.",
            "With --write the section goes at the top of CHANGELOG.md; everything already in the file stays"
                    + " byte for byte. With --replace as well, the section of a version not tagged yet (one rolled"
                    + " back, say) is written again in place."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry changelog                        the section of the next release",
            "  gantry changelog --write                and put it into CHANGELOG.md",
            "  gantry changelog --write --replace      write the next version's section again",
            "  gantry changelog --from v1.2.0 --to v1.3.0",
            "  gantry changelog --all > CHANGELOG.md   every release, newest first"
        })
final class ChangelogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Option(names = "--from", paramLabel = "REF", description = "Start of the range (exclusive); needs --to.")
    String from;

    @Option(names = "--to", paramLabel = "REF", description = "End of the range (inclusive); needs --from.")
    String to;

    @Option(names = "--all", description = "Every release of the history, newest first, as a whole file.")
    boolean all;

    @Option(names = "--component", paramLabel = "NAME", description = "Only this component of the plan.")
    String component;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "Release date of the new section (default: today).")
    LocalDate date;

    @Option(
            names = "--write",
            description = "Insert the section into the changelog file (CHANGELOG.md, or the component's own).")
    boolean write;

    @Option(
            names = "--replace",
            description = "With --write: replace the file's section of the same version, which must not be tagged"
                    + " yet; the rest of the file stays byte for byte.")
    boolean replace;

    private final Clock clock;

    ChangelogCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if ((from == null) != (to == null)) {
            throw new ParameterException(spec.commandLine(), "--from and --to go together");
        }
        if (all && (from != null || write)) {
            throw new ParameterException(
                    spec.commandLine(), "--all prints the whole file; it goes with neither --from nor --write");
        }
        if (replace && !write) {
            throw new ParameterException(spec.commandLine(), "--replace goes with --write");
        }
        Plan plan = workspace.plan();
        KeepAChangelog renderer = new KeepAChangelog(
                plan.changelog(),
                Links.of(plan.changelog(), workspace.repository().originUrl()));
        PrintWriter out = spec.commandLine().getOut();
        List<Workspace.Named<ReleaseScope>> scopes =
                workspace.scopes(Optional.ofNullable(component), "HEAD", false, false);
        boolean several = scopes.size() > 1;
        boolean anything = false;
        // Every file's new text is ready before the first is written: one bad component writes nothing.
        Map<Path, String> updates = new LinkedHashMap<>();
        for (Workspace.Named<ReleaseScope> scope : scopes) {
            String heading = several ? "# " + scope.name() + "\n\n" : "";
            if (all) {
                out.print(TerminalText.of(heading
                        + renderer.renderFile(workspace.history().pastChanges(plan.versioning(), scope.value()))));
                anything = true;
                continue;
            }
            Optional<ReleaseChanges> changes = from != null
                    ? workspace.history().between(plan.versioning(), scope.value(), from, to)
                    : workspace
                            .history()
                            .draft(plan.versioning(), scope.value(), date != null ? date : LocalDate.now(clock))
                            .map(Draft::changes);
            if (changes.isEmpty()) continue;
            anything = true;
            KeepAChangelog.Section section = renderer.render(changes.get());
            if (write) {
                Path file = changelogFile(plan, scope.name());
                if (replace) refuseTagged(changes.get());
                updates.put(
                        file,
                        replace
                                ? ChangelogFile.withSectionReplaced(file, section)
                                : ChangelogFile.withSection(file, section));
            } else {
                out.print(TerminalText.of(heading + section.text()));
                section.linkReference().ifPresent(ref -> out.print(TerminalText.of("\n" + ref + "\n")));
            }
        }
        for (Map.Entry<Path, String> update : updates.entrySet()) {
            AtomicFile.write(update.getKey(), update.getValue());
            spec.commandLine().getErr().println("wrote " + update.getKey());
        }
        out.flush();
        if (!anything) {
            return workspace.nothingToRelease();
        }
        return ExitCode.OK;
    }

    /** A tagged release's section is history: it may hold hand edits made since, and the tag will not move. */
    private void refuseTagged(ReleaseChanges changes) {
        Optional<String> tag =
                changes.tag().filter(t -> workspace.repository().tagCommit(t).isPresent());
        if (tag.isPresent()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--replace writes the section of a version not tagged yet again, but " + tag.get()
                            + " is tagged; nothing written");
        }
    }

    private Path changelogFile(Plan plan, String componentName) {
        Path root = workspace.repository().root();
        Path file = plan.component(componentName)
                .map(c -> root.resolve(c.path()).resolve(plan.changelog().file()))
                .orElse(root.resolve(plan.changelog().file()));
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), file + " is a directory, not a changelog file");
        }
        return file;
    }
}
