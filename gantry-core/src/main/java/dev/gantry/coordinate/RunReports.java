package dev.gantry.coordinate;

import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.files.AtomicFile;
import dev.gantry.gate.RecordedGate;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.report.RunReport;
import dev.gantry.rollout.RunLog;
import dev.gantry.store.Event;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import dev.gantry.version.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Writes a run's report in its three forms, {@code NAME.md}, {@code .json} and {@code .html}, in the release's
 * folder, from the run's events and the gate and approvals the store recorded for its commit. All three are made
 * before any is written, and each is written whole or not at all.
 */
public final class RunReports {

    private final Store store;
    private final Plan plan;
    private final ZoneId zone;

    public RunReports(Store store, Plan plan, ZoneId zone) {
        this.store = store;
        this.plan = plan;
        this.zone = zone;
    }

    /**
     * @param folder the release's folder, such as {@code .gantry/releases/v1.4.0}
     * @param name the file name without its extension: {@code report-<env>} for a release, {@code rollback-<env>}
     *     for a person's rollback of a released version
     * @return the Markdown report's path
     */
    public Path write(
            Path folder,
            String name,
            Version release,
            String commit,
            ReleaseChanges changes,
            Environment env,
            List<RunLog.Logged> events)
            throws IOException, StoreException {
        Rendered report = render(release, commit, changes, env, events);
        Path file = folder.resolve(name + ".md");
        AtomicFile.write(file, report.markdown());
        AtomicFile.write(file.resolveSibling(name + ".json"), report.json());
        AtomicFile.write(file.resolveSibling(name + ".html"), report.html());
        return file;
    }

    /** A run's report in its three forms, as {@link #write} writes them. */
    public record Rendered(String markdown, String json, String html) {}

    /** The run's report, rendered and not written: what a server sends. */
    public Rendered render(
            Version release, String commit, ReleaseChanges changes, Environment env, List<RunLog.Logged> events)
            throws IOException, StoreException {
        ReleaseLog releaseLog = new ReleaseLog(store);
        String version = release.toString();
        Optional<RecordedGate> gate = Optional.empty();
        Optional<Event> recorded = releaseLog.lastGate(version, env.name());
        if (recorded.isPresent())
            gate = Optional.of(RecordedGate.parse(recorded.get().payload()));
        RunReport report = new RunReport(
                events,
                gate,
                changes,
                releaseLog.approvals(version).stream()
                        .filter(a -> a.commit().equals(commit))
                        .toList(),
                env.target().describe(),
                env.metrics() == null ? "none configured" : env.metrics().describe(),
                plan.rollback(),
                zone);
        return new Rendered(report.markdown(), report.json(), report.html());
    }
}
