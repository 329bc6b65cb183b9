package dev.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.binding.DurationText;
import dev.gantry.cleanup.CodePlace;
import dev.gantry.cleanup.FlagCleanup;
import dev.gantry.cleanup.FlagCleanupService;
import dev.gantry.cleanup.FlagLifetime;
import dev.gantry.cleanup.FlagReads;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "stale",
        mixinStandardHelpOptions = true,
        description = {
            "List the flags past their lifetime and every place in the repository's files that still names each,"
                    + " and the flags code reads through a flag client that the plan defines nowhere.",
            "A flag's lifetime counts from the first run of the release that introduces it (its release: in the"
                    + " plan) that ended Released in the environment: 14 days for release flags, 28 for"
                    + " experiments, or the flag's removeAfter; operational, permission and kill-switch flags are"
                    + " kept. Exits 8 when there is something to clean up, 0 when there is nothing."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry flags stale", "  gantry flags stale --env staging --all", "  gantry flags stale --json"})
final class FlagsStaleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @picocli.CommandLine.Option(
            names = "--env",
            paramLabel = "ENV",
            description = "The environment whose rollouts count (default: the plan's last, production).")
    String environment;

    @picocli.CommandLine.Option(names = "--all", description = "Every flag of the plan with where it stands.")
    boolean all;

    @picocli.CommandLine.Option(names = "--json", description = "One JSON object for machines.")
    boolean json;

    private final Clock clock;

    FlagsStaleCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        String env = environment(plan);
        FlagReads reads = new FlagReads(workspace.repository(), excluded(plan));
        FlagCleanup cleanup;
        try (Store store = workspace.openStore()) {
            cleanup = new FlagCleanupService(store, reads).check(plan, env, clock.instant());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(json(cleanup));
        else print(cleanup, out);
        out.flush();
        return cleanup.clean() ? ExitCode.OK : ExitCode.WARNINGS;
    }

    private String environment(Plan plan) {
        if (environment != null) {
            if (plan.environment(environment).isEmpty()) throw Workspace.unknownEnvironment(spec, plan, environment);
            return environment;
        }
        List<Environment> environments = plan.environments();
        if (environments.isEmpty())
            throw new ParameterException(
                    spec.commandLine(), "the plan has no environment: a flag's lifetime counts from a rollout in one");
        return environments.get(environments.size() - 1).name();
    }

    /** Files that name flags without reading them: the plan that defines them, the documents Gantry writes. */
    private List<String> excluded(Plan plan) {
        Path root = workspace.repository().root();
        List<String> paths = new ArrayList<>(
                List.of(".gantry", ":(glob)**/" + plan.changelog().file()));
        Path file =
                workspace.config != null ? workspace.config.toAbsolutePath().normalize() : root.resolve(PlanFile.NAME);
        if (file.startsWith(root)) paths.add(root.relativize(file).toString());
        return paths;
    }

    private void print(FlagCleanup cleanup, PrintWriter out) {
        Instant now = cleanup.at();
        List<FlagCleanup.Entry> shown = all ? cleanup.flags() : cleanup.stale();
        if (cleanup.flags().isEmpty()) out.println("The plan declares no flag.");
        else if (shown.isEmpty())
            out.println("No flag is past its lifetime in " + cleanup.environment() + " on " + day(now) + ".");
        else out.println("Flags in " + cleanup.environment() + " on " + day(now) + ":");
        for (FlagCleanup.Entry entry : shown) {
            out.println(
                    "  " + (entry.stale() ? "STALE " : "      ") + entry.flag().name() + " ("
                            + entry.flag().type().key()
                            + (entry.flag().owner() == null
                                    ? ""
                                    : ", owner " + entry.flag().owner()) + "): "
                            + standing(entry.lifetime(), now));
            places(entry.places(), out);
            if (entry.stale() && entry.places().isEmpty())
                out.println("      no file names it any more: remove it from the plan");
        }
        if (!cleanup.undefined().isEmpty()) {
            out.println("Read in code, defined nowhere in the plan:");
            for (FlagCleanup.Undefined undefined : cleanup.undefined()) {
                out.println("  " + undefined.name());
                places(undefined.places(), out);
            }
        }
    }

    private static void places(List<CodePlace> places, PrintWriter out) {
        for (CodePlace place : places) out.println("      " + place + "  " + place.text());
    }

    private static String standing(FlagLifetime lifetime, Instant now) {
        if (lifetime instanceof FlagLifetime.NoRelease none)
            return "no release named (release: X.Y.Z in the plan), so its " + DurationText.of(none.lifetime())
                    + " lifetime has not started";
        if (lifetime instanceof FlagLifetime.NotRolledOut waiting)
            return waiting.version() + " has not reached 100% here yet; remove " + DurationText.of(waiting.lifetime())
                    + " after it does";
        if (lifetime instanceof FlagLifetime.Counting counting)
            return counting.version() + " reached 100% on " + day(counting.rolledOut()) + "; "
                    + (counting.overdue(now)
                            ? "was to be removed by " + day(counting.removeBy()) + ", "
                                    + Duration.between(counting.removeBy(), now).toDays() + " days ago"
                            : "remove by " + day(counting.removeBy()));
        return "kept for good";
    }

    private static String day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String json(FlagCleanup cleanup) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("environment", cleanup.environment());
        root.put("at", cleanup.at().toString());
        ArrayNode flags = root.putArray("flags");
        for (FlagCleanup.Entry entry : cleanup.flags()) {
            ObjectNode flag = flags.addObject();
            flag.put("name", entry.flag().name());
            flag.put("type", entry.flag().type().key());
            flag.put("stale", entry.stale());
            FlagLifetime lifetime = entry.lifetime();
            if (lifetime instanceof FlagLifetime.Kept) flag.put("lifetime", "kept");
            if (lifetime instanceof FlagLifetime.NoRelease) flag.put("lifetime", "no-release");
            if (lifetime instanceof FlagLifetime.NotRolledOut waiting) {
                flag.put("lifetime", "not-rolled-out");
                flag.put("release", waiting.version());
            }
            if (lifetime instanceof FlagLifetime.Counting counting) {
                flag.put("lifetime", "counting");
                flag.put("release", counting.version());
                flag.put("rolledOut", counting.rolledOut().toString());
                flag.put("removeBy", counting.removeBy().toString());
            }
            places(flag.putArray("places"), entry.places());
        }
        ArrayNode undefined = root.putArray("undefined");
        for (FlagCleanup.Undefined read : cleanup.undefined()) {
            ObjectNode flag = undefined.addObject();
            flag.put("name", read.name());
            places(flag.putArray("places"), read.places());
        }
        return mapper.writeValueAsString(root);
    }

    private static void places(ArrayNode array, List<CodePlace> places) {
        for (CodePlace place : places) {
            array.addObject()
                    .put("path", place.path())
                    .put("line", place.line())
                    .put("column", place.column())
                    .put("text", place.text());
        }
    }
}
