package dev.gantry.cli;

import dev.gantry.binding.PlanException;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.release.ReleaseScope;
import dev.gantry.version.Version;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which release a command is about: the next one from the commits, or the version given. */
final class ReleaseOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    // Commands about a release take --version for its version, so their help option is declared here
    // instead of picocli's standard -h/-V pair.
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Option(
            names = "--version",
            paramLabel = "VERSION",
            description = "The release's version (default: decided from the commits, or the release tag on HEAD).")
    String version;

    @Option(names = "--component", paramLabel = "NAME", description = "The component, when the plan has several.")
    String component;

    @Option(names = "--hotfix", description = "Declare a hotfix release (also implied on a hotfix/* branch).")
    boolean hotfix;

    String component() {
        return component;
    }

    /**
     * The commit a server is asked about: {@code ref} as given, or the full hash of HEAD here, so that what is
     * approved is what the person has in front of them, not whatever the server's clone holds.
     */
    String commit(Workspace workspace, String ref) {
        if (version != null || hotfix) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--version and --hotfix cannot be used with a server yet: it decides the release of the commit"
                            + " from its history");
        }
        if (ref != null && !ref.isBlank()) return ref.strip();
        try {
            return workspace.repository().resolve("HEAD");
        } catch (dev.gantry.git.GitException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "with a server, say which commit with --commit REF, or run this in a checkout of the project ("
                            + e.getMessage() + ")");
        }
    }

    /** The release, or empty when there is nothing to release and no version was given. */
    Optional<Candidate> candidate(Workspace workspace, LocalDate date) throws IOException, PlanException {
        return candidate(workspace, date, "HEAD", Optional.empty());
    }

    /**
     * The release of a run bound to {@code commit}, whatever HEAD is now: a run taken up again deploys, gates and
     * tags the commit it started with.
     */
    Candidate candidateAt(Workspace workspace, LocalDate date, String commit, String runVersion)
            throws IOException, PlanException {
        if (version != null
                && !Version.parse(version.startsWith("v") ? version.substring(1) : version)
                        .toString()
                        .equals(runVersion)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--version " + version + ": the unfinished run in this environment releases " + runVersion
                            + "; end it first (gantry abort) or leave --version out");
        }
        return candidate(workspace, date, commit, Optional.of(Version.parse(runVersion)))
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "commit " + commit + " of the unfinished run cannot be read"));
    }

    private Optional<Candidate> candidate(Workspace workspace, LocalDate date, String ref, Optional<Version> fixed)
            throws IOException, PlanException {
        Plan plan = workspace.plan();
        List<Workspace.Named<ReleaseScope>> scopes =
                workspace.scopes(Optional.ofNullable(component), ref, false, hotfix);
        if (scopes.size() > 1) {
            throw new ParameterException(
                    spec.commandLine(), "the plan has several components; choose one with --component");
        }
        Optional<Version> given = fixed;
        if (fixed.isEmpty())
            try {
                given = Optional.ofNullable(version).map(v -> Version.parse(v.startsWith("v") ? v.substring(1) : v));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--version: " + e.getMessage());
            }
        return Candidate.of(
                workspace.history(), plan.versioning(), scopes.get(0).value(), given, date);
    }
}
