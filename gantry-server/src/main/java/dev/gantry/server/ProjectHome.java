package dev.gantry.server;

import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseScopes;
import dev.gantry.git.GitException;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.release.Candidate;
import dev.gantry.release.ReleaseHistory;
import dev.gantry.release.ReleaseScope;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import dev.gantry.version.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the server keeps of one project: its own clone of the repository ({@code projects/NAME/repo} in the data
 * folder), from which it reads the plan, and the project's run records ({@code projects/NAME/state}, or its
 * schema in a shared PostgreSQL).
 */
public final class ProjectHome implements AutoCloseable {

    /** What a ref named through the API may be: a hash, a branch or a tag, with git's suffixes; never an option. */
    private static final java.util.regex.Pattern REF =
            java.util.regex.Pattern.compile("[A-Za-z0-9._/^~@{}][A-Za-z0-9._/^~@{}-]{0,249}");

    private final Project project;
    private final GitRepository repository;
    private final Store store;

    private ProjectHome(Project project, GitRepository repository, Store store) {
        this.project = project;
        this.repository = repository;
        this.store = store;
    }

    /**
     * Clones the project into {@code data} on its first start, or brings its clone up to date, and opens its
     * records.
     */
    /** Opens a project's records. */
    interface Records {
        Store open(Project project, Path home) throws StoreException;
    }

    static ProjectHome open(Project project, Path data, Records records, ServerLog log) throws ServerException {
        Path home = data.resolve("projects").resolve(project.name());
        Path clone = home.resolve("repo");
        GitRepository repository;
        try {
            if (Files.isDirectory(clone.resolve(".git"))) {
                repository = GitRepository.open(clone);
                try {
                    repository.update();
                } catch (GitException e) {
                    // The source may be down for a while; the clone as it is still answers.
                    log.say("project " + project.name() + ": cannot update from " + project.source() + " ("
                            + e.getMessage() + "); going on with the clone as it is");
                }
            } else {
                repository = GitRepository.cloneOf(project.source(), clone);
                log.say("project " + project.name() + ": cloned " + project.source());
            }
        } catch (GitException e) {
            throw new ServerException(
                    "project " + project.name() + ": cannot clone " + project.source() + ": " + e.getMessage(), e);
        }
        try {
            return new ProjectHome(project, repository, records.open(project, home));
        } catch (StoreException e) {
            throw new ServerException("project " + project.name() + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return project.name();
    }

    public Store store() {
        return store;
    }

    /** The plan as the clone has it now. */
    public synchronized Plan plan() throws IOException, PlanException {
        Path file = repository.root().resolve(PlanFile.NAME);
        // Read again only when the file changed (a fetch moved the clone): every request of a dashboard asks.
        java.nio.file.attribute.BasicFileAttributes seen =
                Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        String stamp = seen.lastModifiedTime() + " " + seen.size() + " " + seen.fileKey();
        if (!stamp.equals(planStamp)) {
            plan = PlanFile.load(file, true, PlugIns.registries());
            planStamp = stamp;
        }
        return plan;
    }

    private Plan plan;
    private String planStamp;

    /**
     * Fetches what the origin has now and resolves {@code ref} in it, to a full commit hash.
     *
     * @throws ApiException 404 when the clone has no such commit, even after fetching
     */
    synchronized String fetchAndResolve(String ref) {
        if (!REF.matcher(ref).matches()) {
            throw ApiException.badRequest("\"" + ref + "\" is not a commit, branch or tag name: letters, digits and"
                    + " . _ / - ^ ~ @ { }, not beginning with a dash, at most 250 characters");
        }
        try {
            repository.update();
        } catch (GitException e) {
            // The origin may be down; a commit the clone has already is still found below.
        }
        try {
            return repository.resolve(ref);
        } catch (GitException e) {
            throw ApiException.notFound("project " + name() + " has no commit \"" + ref + "\" (pushed yet?)");
        }
    }

    /** The plan as {@code commit} has it: what an approval of that commit is judged by. */
    synchronized Plan planAt(String commit) throws IOException, PlanException {
        String text = repository
                .fileAt(commit, PlanFile.NAME)
                .orElseThrow(() -> new ApiException(
                        409,
                        "commit " + commit.substring(0, 7) + " of project " + name() + " has no " + PlanFile.NAME));
        Path file = Files.createTempFile("gantry-plan-", ".yaml");
        try {
            Files.writeString(file, text);
            return PlanFile.load(file, true, PlugIns.registries());
        } catch (PlanException e) {
            // Its errors name the file as the commit has it, not the copy read here.
            throw new ApiException(
                    409,
                    "the plan of commit " + commit.substring(0, 7) + " cannot be read: "
                            + e.getMessage()
                                    .replace(file.toString(), PlanFile.NAME)
                                    .replace(file.getFileName().toString(), PlanFile.NAME));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The release of {@code commit}, as the command line decides it from the same history. */
    synchronized Optional<Candidate> candidate(
            Plan plan, String commit, Optional<String> component, LocalDate date, Optional<Version> given)
            throws Refused {
        ReleaseScope scope = ReleaseScopes.single(plan, component, commit, false);
        return Candidate.of(new ReleaseHistory(repository), plan.versioning(), scope, given, date);
    }

    GitRepository repository() {
        return repository;
    }

    @Override
    public void close() throws StoreException {
        store.close();
    }
}
