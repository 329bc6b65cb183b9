package dev.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantry.analysis.Evaluation.State;
import dev.gantry.analysis.MetricSource;
import dev.gantry.analysis.MetricSources;
import dev.gantry.coordinate.SampleText;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.TriggerReader;
import dev.gantry.rollout.WatchTrial;
import dev.gantry.store.Store;
import dev.gantry.version.Version;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "watch",
        description = {
            "Try an environment's rollback triggers before a release: with --dry-run, every trigger of ENV is read"
                    + " once from its metric source now, as the run's watch window reads it, and judged against its"
                    + " threshold: the value, the stable version's value or the baseline it compares with, and the"
                    + " state, or why there is no data. One line per trigger.",
            "Only --dry-run exists for now: a run's watch window is part of gantry release."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 every trigger passes    2 usage or invalid plan",
            "  4 a trigger would breach, or has no data",
            "",
            "Examples:",
            "  gantry watch production --dry-run",
            "  gantry watch staging --dry-run --version 1.4.0 --stable 1.3.0 --json"
        })
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    // --version names the version read, so the help option is declared here instead of picocli's -h/-V pair.
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment whose triggers are read.")
    String environment;

    @Option(names = "--dry-run", description = "Read every trigger once, now, and say what a run would make of it.")
    boolean dryRun;

    @Option(
            names = "--version",
            paramLabel = "VERSION",
            description = "The version whose metrics are read, put in {version}; by default the version last"
                    + " released to ENV.")
    String version;

    @Option(
            names = "--stable",
            paramLabel = "VERSION",
            description = "The stable version read beside it by queries that name {version}; by default, with"
                    + " --version, the version last released to ENV.")
    String stable;

    @Option(names = "--json", description = "Print the triggers as JSON.")
    boolean json;

    private final Clock clock;

    WatchCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (!dryRun) {
            throw new ParameterException(
                    spec.commandLine(),
                    "only --dry-run exists for now: gantry watch " + environment + " --dry-run; a run's watch"
                            + " window is part of gantry release");
        }
        Plan plan = workspace.plan();
        workspace.environments(plan, environment);
        Environment env = plan.environment(environment).orElseThrow();
        Optional<Version> live = version != null && stable != null ? Optional.empty() : live();
        Version read = version != null
                ? parse("--version", version)
                : live.orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "nothing has been released to " + environment + " yet: give --version, the version whose"
                                + " metrics to read"));
        Optional<Version> beside = stable != null
                ? Optional.of(parse("--stable", stable))
                : version == null ? Optional.empty() : live.filter(v -> !v.equals(read));
        Optional<MetricSource> metrics = Optional.ofNullable(env.metrics()).map(MetricSources::source);
        TriggerReader reader = new TriggerReader(
                metrics, environment, read, beside, workspace.repository().root(), System.getenv());
        Instant now = clock.instant();
        List<TriggerReader.Sample> samples = WatchTrial.now(plan, reader, now);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean passes = WatchTrial.passes(samples);
        if (json) {
            out.println(json(read, beside, metrics, now, samples, passes));
        } else {
            err.println("watch " + environment + " (dry run) · " + read
                    + beside.map(v -> " beside " + v).orElse("") + " · "
                    + metrics.map(MetricSource::describe).orElse("no metric source"));
            samples.forEach(s -> out.println(line(s)));
            if (samples.isEmpty()) err.println("no rollback trigger watches " + environment);
            long failing = samples.stream()
                    .filter(s -> s.evaluation().state() != State.OK)
                    .count();
            if (failing > 0) {
                err.println(failing + " of " + samples.size() + " trigger" + (samples.size() == 1 ? "" : "s")
                        + " would not pass: a run now would roll back or wait on "
                        + (failing == 1 ? "it" : "them"));
            }
        }
        out.flush();
        return passes ? ExitCode.OK : ExitCode.NO_GO;
    }

    private Optional<Version> live() throws Exception {
        try (Store store = workspace.openStore()) {
            return WatchTrial.live(new RunLog(store).history(environment));
        }
    }

    private Version parse(String option, String text) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** {@code DEP-021  breach   p99_latency 840ms > 500ms for 0s of 5m (since 10:00:00)}. */
    static String line(TriggerReader.Sample s) {
        String stable = s.stable().isPresent()
                ? " · stable " + SampleText.number(s.stable().getAsDouble())
                : "";
        String baseline = s.baseline().isPresent() && s.stable().isEmpty()
                ? " · baseline " + SampleText.number(s.baseline().getAsDouble())
                : "";
        return String.format(
                        "%-8s %-8s %s%s%s",
                        s.trigger().id(),
                        word(s.evaluation().state()),
                        s.evaluation().reason(),
                        stable,
                        baseline)
                .stripTrailing();
    }

    private static String word(State state) {
        return switch (state) {
            case OK -> "pass";
            case BREACHING, FIRED -> "breach";
            case NO_DATA, NO_DATA_FIRED -> "no data";
        };
    }

    private String json(
            Version read,
            Optional<Version> beside,
            Optional<MetricSource> metrics,
            Instant now,
            List<TriggerReader.Sample> samples,
            boolean passes)
            throws Exception {
        List<Map<String, Object>> triggers = new ArrayList<>();
        for (TriggerReader.Sample s : samples) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", s.trigger().id());
            t.put("metric", s.trigger().metric());
            t.put("query", s.trigger().query());
            t.put("threshold", s.trigger().threshold().toString());
            t.put("state", s.evaluation().state().name());
            t.put("passes", s.evaluation().state() == State.OK);
            t.put("value", number(s.reading().value()));
            t.put("stable", number(s.stable()));
            t.put("baseline", number(s.baseline()));
            t.put("observed", number(s.evaluation().observed()));
            t.put("limit", s.evaluation().limit());
            t.put("reason", s.evaluation().reason());
            t.put(
                    "problem",
                    s.reading().problem().isEmpty() ? null : s.reading().problem());
            triggers.add(t);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", environment);
        root.put("version", read.toString());
        root.put("stable", beside.map(Version::toString).orElse(null));
        root.put("source", metrics.map(MetricSource::describe).orElse(null));
        root.put("at", now.toString());
        root.put("passes", passes);
        root.put("triggers", triggers);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static Double number(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
