package dev.gantry.cli;

import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.files.FileNames;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a run reads its plan and runs its scripts from: the working tree while HEAD is the run's commit, else a
 * checkout of that commit of its own under {@code .gantry/state/checkouts/}, so that a run taken up after HEAD moved
 * runs nothing of another commit.
 *
 * @param checkout the checkout, when the run needed one
 */
record RunFiles(Path root, Plan plan, Optional<Path> checkout) {

    static RunFiles of(Workspace workspace, RunBinding run) throws IOException, PlanException {
        GitRepository repository = workspace.repository();
        if (repository.resolve("HEAD").equals(run.commit())) {
            return new RunFiles(repository.root(), workspace.plan(), Optional.empty());
        }
        Path folder =
                repository.root().resolve(Workspace.STATE).resolve("checkouts").resolve(FileNames.encode(run.runId()));
        Path checkout = repository.checkout(run.commit(), folder);
        return new RunFiles(checkout, workspace.planIn(checkout), Optional.of(checkout));
    }

    /** Removes the checkout once the run has ended. */
    void ended(Workspace workspace) {
        checkout.ifPresent(folder -> workspace.repository().removeCheckout(folder));
    }
}
