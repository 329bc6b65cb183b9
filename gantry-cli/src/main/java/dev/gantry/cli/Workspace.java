package dev.gantry.cli;

import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.gate.CheckContext;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.release.Candidate;
import dev.gantry.release.ReleaseHistory;
import dev.gantry.release.ReleaseScope;
import dev.gantry.store.H2Store;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every command shares: which repository, which plan file. */
final class Workspace {

    static final String STATE = ".gantry/state";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "The git repository to work on (default: the current directory).")
    Path repo = Path.of(".");

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The plan file (default: gantry.yaml at the repository root).")
    Path config;

    private GitRepository repository;
    private Plan plan;
    private CompletableFuture<Store> early;

    GitRepository repository() {
        if (repository == null)
            repository = GitRepository.open(repo.toAbsolutePath().normalize());
        return repository;
    }

    ReleaseHistory history() {
        return new ReleaseHistory(repository());
    }

    Plan plan() throws IOException, PlanException {
        if (plan == null) {
            Path file = config != null ? config : repository().root().resolve(PlanFile.NAME);
            if (Files.isDirectory(file)) {
                throw new ParameterException(
                        spec.commandLine(), "--config " + file + " is a directory, not a plan file");
            }
            plan = PlanFile.load(file, config != null, PlugIns.registries());
        }
        return plan;
    }

    /**
     * The plan as {@code checkout} (a working tree of another commit of this repository) has it: the same file
     * within it, or the {@code --config} file itself when that lies outside the repository.
     */
    Plan planIn(Path checkout) throws IOException, PlanException {
        Path root = repository().root();
        Path file = config != null ? config.toAbsolutePath().normalize() : root.resolve(PlanFile.NAME);
        Path inCheckout = file.startsWith(root) ? checkout.resolve(root.relativize(file)) : file;
        return PlanFile.load(inCheckout, config != null, PlugIns.registries());
    }

    /** The scopes to work on: one component, every component, or the whole repository when there are none. */
    List<Named<ReleaseScope>> scopes(Optional<String> component, String ref, boolean recompute, boolean hotfix)
            throws IOException, PlanException {
        try {
            return dev.gantry.coordinate.ReleaseScopes.of(plan(), component, ref, recompute, hotfix).stream()
                    .map(s -> new Named<>(s.component(), s.scope()))
                    .toList();
        } catch (dev.gantry.coordinate.Refused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The store under {@code .gantry/state/} of the repository; the caller closes it. A command that only reads it
     * and ends at once asks for it with {@link #readStoreEarly()} first.
     */
    Store openStore() throws StoreException {
        CompletableFuture<Store> opening = early;
        if (opening == null) return H2Store.open(repository().root().resolve(STATE));
        early = null;
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException cause) throw cause;
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    /**
     * Starts opening the store to read, alone while no other process holds it (which starts faster than sharing it),
     * on a thread of its own: the store opens while the plan and the history are read, which take about as long.
     * {@link #openStore()} then returns it. A store the command never asks for is closed when the command ends.
     */
    void readStoreEarly() {
        Path state = repository().root().resolve(STATE);
        early(() -> H2Store.openToRead(state));
    }

    /**
     * Starts opening the store to write, as {@link #readStoreEarly()} does to read: for a command that writes a few
     * events at once and ends, which writes the file alone while no other process holds it.
     */
    void writeStoreEarly() {
        Path state = repository().root().resolve(STATE);
        early(() -> H2Store.openToWrite(state));
    }

    private interface Opening {
        Store open() throws StoreException;
    }

    private void early(Opening opening) {
        CompletableFuture<Store> store = new CompletableFuture<>();
        Thread opener = new Thread(
                () -> {
                    try {
                        store.complete(opening.open());
                    } catch (Throwable e) {
                        store.completeExceptionally(e);
                    }
                },
                "gantry-store-open");
        opener.setDaemon(true);
        opener.start();
        early = store;
    }

    /** Closes the store a command began to open early when it never asked for it. */
    void closeUnclaimedStore() {
        CompletableFuture<Store> opening = early;
        early = null;
        if (opening == null) return;
        try {
            opening.join().close();
        } catch (RuntimeException | StoreException e) {
            // It did not open, or cannot close: nothing of it is held.
        }
    }

    /** The environments named, or every one of the plan; an unknown name is a usage error that lists the known. */
    List<String> environments(Plan plan, String environment) {
        if (environment == null)
            return plan.environments().stream().map(Environment::name).toList();
        if (plan.environment(environment).isEmpty()) throw unknownEnvironment(spec, plan, environment);
        return List.of(environment);
    }

    /** The usage error of an environment the plan does not have, listing those it has. */
    static ParameterException unknownEnvironment(CommandSpec spec, Plan plan, String name) {
        List<String> known = plan.environments().stream().map(Environment::name).toList();
        return new ParameterException(
                spec.commandLine(), "unknown environment \"" + name + "\"; the plan has: " + String.join(", ", known));
    }

    /** Who runs the command: {@code --as}, else git's user.name. */
    String actor(String as) {
        if (as != null && !as.isBlank()) return as;
        return repository()
                .userName()
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "say who you are with --as NAME (git has no user.name here)"));
    }

    /** Where the documents of a release are written: {@code .gantry/releases/v1.4.0/}. */
    Path releaseDir(dev.gantry.version.Version version) {
        return repository().root().resolve(".gantry/releases/v" + version);
    }

    /** What the gate's checks and a run's validations see of the release going into {@code environment}. */
    CheckContext checkContext(Plan plan, String environment, Candidate candidate, ReleaseLog log, Clock clock) {
        return new CheckContext(
                repository().root(),
                repository(),
                plan,
                environment,
                candidate.version(),
                candidate.tag(),
                candidate.previousTag(),
                candidate.commit(),
                candidate.type(),
                candidate.breaking(),
                clock,
                log,
                System.getenv());
    }

    /** Says on stderr that there is nothing to release, and gives the exit code that means it. */
    int nothingToRelease() {
        spec.commandLine().getErr().println("nothing to release: no release-worthy commits since the last release");
        return ExitCode.NOTHING_TO_DO;
    }

    /** A value with the component name it belongs to ("" for the whole repository). */
    record Named<T>(String name, T value) {}
}
