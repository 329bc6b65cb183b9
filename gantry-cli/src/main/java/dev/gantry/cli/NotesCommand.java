package dev.gantry.cli;

import dev.gantry.changelog.ReleaseNotes;
import dev.gantry.files.AtomicFile;
import dev.gantry.plan.Plan;
import dev.gantry.release.Draft;
import dev.gantry.release.ReleaseScope;
import dev.gantry.store.NotesWritten;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
        name = "notes",
        sortOptions = false,
        description = {
            "Write the release notes of the next release: What's New, Performance Improvements, Bug Fixes,"
                    + " Documentation, Breaking Changes with their migration text, Coming Next, Support.",
            "The template is a Pebble file you can replace (notes.template in gantry.yaml, or --template).",
            "With --at, the notes of a past release instead: the commits since the release before its tag."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry notes                          print the notes of the next release",
            "  gantry notes --write                  save them as .gantry/releases/<tag>/notes.md",
            "  gantry notes --template notes.peb     with your own template",
            "  gantry notes --at v1.3.0              the notes of a past release"
        })
final class NotesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Option(
            names = "--component",
            paramLabel = "NAME",
            description = "Only this component of the plan (needed when the plan has several).")
    String component;

    @Option(
            names = "--at",
            paramLabel = "TAG",
            description = "Notes of the release tagged TAG: the commits since the stable release before it,"
                    + " versioned as TAG.")
    String at;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "Release date (default: today, or the tagged commit's date with --at).")
    LocalDate date;

    @Option(
            names = "--template",
            paramLabel = "FILE",
            description = "A Pebble template to use instead of the plan's or the built-in one.")
    Path template;

    @Option(
            names = "--write",
            description =
                    "Save to .gantry/releases/<tag>/notes.md (the release's tag, e.g. v1.4.0) instead of printing.")
    boolean write;

    @Option(names = "--output", paramLabel = "FILE", description = "Save to this file instead of printing.")
    Path output;

    @Option(names = "--force", description = "Replace notes that were already written (they may hold hand edits).")
    boolean force;

    private final Clock clock;

    NotesCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = workspace.plan();
        List<Workspace.Named<ReleaseScope>> scopes =
                workspace.scopes(Optional.ofNullable(component), at != null ? at : "HEAD", at != null, false);
        if (scopes.size() > 1) {
            throw new ParameterException(
                    spec.commandLine(), "the plan has several components; choose one with --component");
        }
        ReleaseScope scope = scopes.get(0).value();
        Optional<Draft> draft = at != null
                ? Optional.of(workspace.history().released(plan.versioning(), scope, at, Optional.ofNullable(date)))
                : workspace.history().draft(plan.versioning(), scope, date != null ? date : LocalDate.now(clock));
        if (draft.isEmpty()) {
            return workspace.nothingToRelease();
        }
        draft.get().decision().unmatchedTags().ifPresent(u -> spec.commandLine()
                .getErr()
                .println("warning: " + u.describe(scopes.get(0).name())));
        Optional<Path> templateFile = Optional.ofNullable(template)
                .or(() -> Optional.ofNullable(plan.notes().template())
                        .map(t -> workspace.repository().root().resolve(t)));
        String notes = ReleaseNotes.render(
                draft.get().changes(), draft.get().decision().releaseType(), plan.notes(), templateFile);
        Path target = output;
        if (write && target == null) {
            // Named by the release's tag, so two components of the same version keep their own notes.
            String tag = draft.get().changes().tag().orElseThrow();
            target = workspace.repository().root().resolve(".gantry/releases/" + tag + "/notes.md");
        }
        if (target != null && Files.exists(target) && !force) {
            throw new ParameterException(
                    spec.commandLine(), target + " already exists and may hold hand edits; add --force to replace it");
        }
        if (target != null) {
            AtomicFile.write(target, notes);
            spec.commandLine().getErr().println("wrote " + target);
            recordWritten(draft.get(), target);
        } else {
            spec.commandLine().getOut().print(TerminalText.of(notes));
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }

    /** The checklist's release-notes item is done once Gantry wrote the notes of the version it releases. */
    private void recordWritten(Draft draft, Path target) throws StoreException {
        Optional<String> version = draft.decision().next().map(Object::toString);
        if (version.isEmpty()) return;
        Path root = workspace.repository().root().toAbsolutePath();
        Path file = target.toAbsolutePath();
        String shown = file.startsWith(root) ? root.relativize(file).toString() : target.toString();
        try (Store store = workspace.openStore()) {
            new ReleaseLog(store)
                    .notesWritten(new NotesWritten(version.get(), shown, workspace.actor(null), clock.instant()));
        }
    }
}
