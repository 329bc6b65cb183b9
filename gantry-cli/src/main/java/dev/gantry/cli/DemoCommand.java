package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.local.demo.DemoRepository;
import dev.gantry.local.demo.SteadyTraffic;
import dev.gantry.local.rollout.LocalTarget;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.rollout.Time;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show Gantry at work on this machine: make a demo repository, start a demo service behind the local"
                    + " target's weighted proxy, send it steady traffic, and release two versions through staging"
                    + " and production. 1.1.0 is healthy and Released; 1.2.0 fails 8%% of its requests, its canary"
                    + " trips the error-rate trigger and Gantry rolls it back by itself, so production never sees it.",
            "Watch windows run 60 times faster than the plan says unless --real-time is given. Exits 0 when every"
                    + " release ended as expected, 1 otherwise; leaves no process behind."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry demo", "  gantry demo --dir /tmp/gantry-demo --plain"})
final class DemoCommand implements Callable<Integer> {

    /** How much faster than the plan the demo's watch windows run. */
    static final double SPEED = 60;

    private static final int REQUESTS_PER_SECOND = 150;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Make the demo repository here (an empty or new folder) and keep it (default: a"
                    + " temporary folder).")
    Path dir;

    @Option(names = "--real-time", description = "Run the watch windows at the plan's pace (minutes, not seconds).")
    boolean realTime;

    @Option(names = "--plain", description = "One line per event even on a terminal (also GANTRY_PLAIN=1).")
    boolean plain;

    @Option(
            names = "--serve",
            description = "Run the releases through a team server started for the demo, as a team would, and print"
                    + " its dashboard's address and a login; the server keeps serving the dashboard after the demo"
                    + " until Ctrl-C or the end of standard input.")
    boolean serve;

    private final Time time;

    DemoCommand(Time time) {
        this.time = time;
    }

    /** One release into one environment as the demo expects it to end. */
    private record Expected(String version, String environment, int exitCode, String verdict) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repository = dir != null ? dir.toAbsolutePath() : Files.createTempDirectory("gantry-demo-");
        int stagingPort = freePort();
        int productionPort = freePort();
        // On a server each run has a checkout of its own: the environments' processes are kept in one folder.
        DemoRepository demo = DemoRepository.create(
                repository,
                javaProgram(),
                classPath(),
                stagingPort,
                productionPort,
                serve ? java.util.Optional.of(repository.resolve(".gantry/local")) : java.util.Optional.empty());
        out.println("demo repository: " + repository);
        DemoServer server = null;
        if (serve) {
            // One clock for the server: its reports are dated on the demo's faster time.
            server = DemoServer.start(repository, realTime ? time : Time.compressed(time.clock(), SPEED));
            out.println("team server: " + server.dashboard() + " (log in as " + DemoServer.LEAD + ", password "
                    + server.password() + "); its folder: " + server.data());
            if (!realTime) {
                out.println("its clock is simulated: it runs " + Math.round(SPEED)
                        + " times faster than real time, as the demo's"
                        + " watch windows do, so the dates on its dashboard and in its reports run ahead of the real"
                        + " time (--real-time keeps them true)");
            }
        }
        out.println("staging on http://127.0.0.1:" + stagingPort + "/, production on http://127.0.0.1:" + productionPort
                + "/, each with " + REQUESTS_PER_SECOND + " requests a second");
        out.flush();
        List<Expected> expected = List.of(
                new Expected("1.1.0", "staging", ExitCode.OK, "Released"),
                new Expected("1.1.0", "production", ExitCode.OK, "Released"),
                new Expected(DemoRepository.FAULTY_VERSION, "staging", ExitCode.ROLLED_BACK, "Rolled-Back"),
                new Expected(DemoRepository.FAULTY_VERSION, "production", ExitCode.INVALID, null));
        List<String> problems = new ArrayList<>();
        // The demo's environments live only as long as the demo: Ctrl-C stops them too.
        Thread cleanUp = new Thread(() -> stopTargets(repository), "demo-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try (SteadyTraffic staging =
                        SteadyTraffic.start(URI.create("http://127.0.0.1:" + stagingPort + "/"), REQUESTS_PER_SECOND);
                SteadyTraffic production = SteadyTraffic.start(
                        URI.create("http://127.0.0.1:" + productionPort + "/"), REQUESTS_PER_SECOND)) {
            for (Expected release : expected) {
                if (release.version().equals(DemoRepository.FAULTY_VERSION)
                        && release.environment().equals("staging")) {
                    demo.addFaultyRelease();
                }
                out.println();
                out.println("== gantry release " + release.environment() + "  (" + release.version() + ")");
                out.flush();
                // Each release compresses time from its own start: one clock for the whole demo would run the gaps
                // between releases 60 times faster too, and date the later reports most of an hour ahead.
                Time runTime = realTime ? time : Time.compressed(time.clock(), SPEED);
                int exit = release(repository, release.environment(), runTime, server);
                if (exit != release.exitCode()) {
                    problems.add(release.version() + " in " + release.environment() + " exited " + exit + ", expected "
                            + release.exitCode());
                }
            }
        } catch (RuntimeException | IOException e) {
            if (server != null) server.close();
            throw e;
        } finally {
            stopTargets(repository);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C came: the hook stops the environments as the process ends
            }
        }
        out.println();
        out.println("Reports:");
        for (Expected release : expected) {
            if (release.verdict() == null) continue;
            Path report = report(repository, server, release, "html");
            out.println("  " + report);
            problems.addAll(check(release, report(repository, server, release, "json")));
        }
        out.println();
        out.println("Summary:");
        for (Expected release : expected)
            out.println("  " + summary(report(repository, server, release, "json"), release));
        out.flush();
        if (!problems.isEmpty()) {
            spec.commandLine().getErr().println("gantry demo: not as expected: " + String.join("; ", problems));
            if (server != null) server.close();
            return 1;
        }
        if (dir == null) out.println("The demo repository stays in " + repository + " until it is deleted.");
        if (server != null) {
            out.println("The dashboard stays at " + server.dashboard() + " (" + DemoServer.LEAD + ", password "
                    + server.password() + ") until Ctrl-C or the end of standard input.");
            out.flush();
            // The terminal's input stays open until the person is done looking; a script's ends at once.
            while (System.in.read() >= 0) {
                // read on to its end
            }
            server.close();
        }
        return ExitCode.OK;
    }

    /** Where the report of a release is: in the repository, or in the server's folder when the server ran it. */
    private static Path report(Path repository, DemoServer server, Expected release, String extension)
            throws IOException {
        Path local = repository.resolve(
                ".gantry/releases/v" + release.version() + "/report-" + release.environment() + "." + extension);
        return server == null
                ? local
                : server.report(release.version(), release.environment(), extension)
                        .orElse(local);
    }

    /**
     * Runs {@code gantry release ENV} in the demo repository, on the demo's time, into this command's output; through
     * the server when there is one, as its release lead.
     */
    private int release(Path repository, String environment, Time runTime, DemoServer server) {
        List<String> args = new ArrayList<>(List.of("release", environment, "--repo", repository.toString()));
        if (server == null) args.addAll(List.of("--as", DemoServer.LEAD));
        else args.addAll(server.releaseOptions());
        if (plain) args.add("--plain");
        return Main.run(
                args.toArray(String[]::new),
                runTime,
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /** The verdict and reason of each release that ran, from its report; the refused one by what refused it. */
    private static String summary(Path json, Expected release) {
        if (release.verdict() == null) {
            return release.version() + " " + release.environment() + ": not started, staging did not release it";
        }
        try {
            JsonNode report = new ObjectMapper().readTree(json.toFile());
            return release.version() + " " + release.environment() + ": "
                    + report.path("verdict").asText() + ", "
                    + report.path("reason").asText();
        } catch (IOException e) {
            return release.version() + " " + release.environment() + ": no report (" + e.getMessage() + ")";
        }
    }

    /** What differs between a release's report and what the demo expects of it. */
    private static List<String> check(Expected release, Path json) {
        List<String> problems = new ArrayList<>();
        JsonNode report;
        try {
            report = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            return List.of(
                    "no report of " + release.version() + " in " + release.environment() + ": " + e.getMessage());
        }
        String verdict = report.path("verdict").asText();
        if (!verdict.equals(release.verdict())) {
            problems.add(release.version() + " in " + release.environment() + " ended " + verdict + ", expected "
                    + release.verdict());
        }
        if (release.verdict().equals("Rolled-Back")) {
            if (!report.path("reason").asText().startsWith("DEP-020 fired")) {
                problems.add("the rollback of " + release.version() + " was not the error-rate trigger's: "
                        + report.path("reason").asText());
            }
            boolean smokedAfter = false;
            for (JsonNode event : report.path("events")) {
                if (event.path("kind").asText().equals("run.validation-ran")
                        && event.path("id").asText().endsWith("/after-rollback")) {
                    smokedAfter = event.path("passed").asBoolean();
                }
            }
            if (!smokedAfter) problems.add("the post-rollback smoke test of " + release.version() + " did not pass");
        }
        return problems;
    }

    /** This process's class path with every entry absolute: the demo's instances start in its repository. */
    private static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static String javaProgram() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops every process the demo's environments run: the proxies and the instances of each version. */
    private void stopTargets(Path repository) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Plan plan = PlanFile.load(repository.resolve(PlanFile.NAME), true, PlugIns.registries());
            for (Environment env : plan.environments()) {
                if (env.target() instanceof LocalTarget local) local.stop(repository, env.name());
            }
        } catch (IOException | PlanException e) {
            err.println("gantry demo: could not stop the demo's processes: " + e.getMessage());
        }
    }
}
