package dev.gantry.server;

import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.git.GitException;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.store.H2Store;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the server keeps of one project: its own clone of the repository ({@code projects/NAME/repo} in the data
 * folder), from which it reads the plan, and the project's run records ({@code projects/NAME/state}).
 */
public final class ProjectHome implements AutoCloseable {

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
    static ProjectHome open(Project project, Path data, ServerLog log) throws ServerException {
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
            return new ProjectHome(project, repository, H2Store.open(home.resolve("state")));
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
    public Plan plan() throws IOException, PlanException {
        return PlanFile.load(repository.root().resolve(PlanFile.NAME), true, PlugIns.registries());
    }

    @Override
    public void close() throws StoreException {
        store.close();
    }
}
