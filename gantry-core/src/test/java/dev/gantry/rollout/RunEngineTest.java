package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.analysis.MetricsServer;
import dev.gantry.analysis.PrometheusSource;
import dev.gantry.changelog.Entry;
import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.RecordedGate;
import dev.gantry.plan.Plan;
import dev.gantry.report.RunReport;
import dev.gantry.store.Event;
import dev.gantry.store.H2Store;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import dev.gantry.testing.Golden;
import dev.gantry.testing.PlanText;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs through the engine with real scripts as the target, a loopback server answering Prometheus' API, the
 * real store and virtual time: a four-step canary with 3-minute watches runs in well under a second of waiting.
 */
class RunEngineTest {

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");

    @TempDir
    Path root;

    private MetricsServer prometheus;

    @BeforeEach
    void start() throws Exception {
        prometheus = new MetricsServer();
        Path script = root.resolve("target.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_STEP_ID\" >> calls.log\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("CHANGELOG.md"), "## [1.4.0] - 2026-03-20\n");
        Files.createDirectories(root.resolve("build/test-results"));
        Files.writeString(
                root.resolve("build/test-results/TEST-dev.shop.CartTest.xml"),
                junitReport("dev.shop.CartTest", "<testcase name=\"adds\"/><testcase name=\"removes\"/>"));
        Files.writeString(
                root.resolve("build/test-results/TEST-dev.shop.SearchTest.xml"),
                junitReport(
                        "dev.shop.SearchTest",
                        "<testcase name=\"byTag\"/><testcase name=\"byName\"><skipped/></testcase>"));
    }

    private static String junitReport(String suite, String cases) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + suite + "\">"
                + cases.replace("<testcase ", "<testcase classname=\"" + suite + "\" ")
                + "</testsuite>\n";
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private Plan plan(String severity) throws Exception {
        return PlanText.load(
                root,
                """
                environments:
                  - { name: staging }
                  - { name: production, requires: [staging] }
                criteria:
                  - { id: DEP-010, title: Changelog, check: { type: file, path: CHANGELOG.md, section: "{version}" } }
                  - { id: DEP-015, title: Unit tests, check: { type: junit, reports: "build/test-results/*.xml" } }
                rollback:
                  - { id: DEP-020, metric: error_rate, query: error_rate, threshold: "> 2%%", for: 2m, severity: %s,
                      notification: ["#incidents"] }
                validation:
                  - { id: DEP-030, title: Health, check: { type: command, run: "sh -c true" } }
                rollout:
                  canary: { steps: [10%%, 50%%, 100%%], watch: 3m, cadence: 1m }
                """
                        .formatted(severity));
    }

    /** The error rate at each minute after T0. */
    private void errorRate(IntFunction<String> byMinute) {
        Map<Instant, String> samples = new LinkedHashMap<>();
        for (int minute = 0; minute <= 60; minute++) samples.put(T0.plusSeconds(60L * minute), byMinute.apply(minute));
        prometheus.series("error_rate", Map.of(), samples);
    }

    private RunState run(Store store, Plan plan, String runId) throws Exception {
        return run(store, plan, runId, Time.virtual(T0));
    }

    private RunState run(Store store, Plan plan, String runId, Time.Virtual time) throws Exception {
        return new RunEngine(new RunLog(store), time).run(request(store, plan, runId, time));
    }

    /** Decides on the paused run as Linh Vo and lets it carry on. */
    private RunState engineRun(Store store, Plan plan, String runId, Time.Virtual time, boolean proceed)
            throws Exception {
        return new RunEngine(new RunLog(store), time)
                .decide(
                        request(store, plan, runId, time),
                        proceed,
                        "Linh Vo",
                        proceed ? "known spike" : "customers complain");
    }

    private RunEngine.Request request(Store store, Plan plan, String runId, Time.Virtual time) {
        CheckContext checks = new CheckContext(
                root,
                null,
                plan,
                "production",
                Version.parse("1.4.0"),
                "v1.4.0",
                Optional.of("v1.3.0"),
                "0123456789abcdef0123456789abcdef01234567",
                ReleaseType.MINOR,
                false,
                time,
                new ReleaseLog(store),
                Map.of());
        Target target = new CommandTarget(
                List.of("./target.sh"),
                List.of("./target.sh"),
                List.of("./target.sh"),
                List.of("./target.sh"),
                List.of(),
                Duration.ofSeconds(30),
                null);
        return new RunEngine.Request(
                runId,
                "production",
                Version.parse("1.4.0"),
                Optional.of(Version.parse("1.3.0")),
                checks.commit(),
                ReleaseType.MINOR,
                "Mark Liu",
                null,
                plan,
                target,
                Optional.of(new PrometheusSource(prometheus.base(), Map.of(), null, Duration.ofSeconds(5))),
                checks,
                RunEngine.Observer.NONE);
    }

    private List<String> calls() throws Exception {
        Path log = root.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The release's changes as the reports show them: two commits, each naming its ticket in a footer, one in its subject too. */
    private static final ReleaseChanges CHANGES = new ReleaseChanges(
            "1.4.0",
            LocalDate.parse("2026-03-20"),
            Optional.of("v1.3.0"),
            Optional.of("v1.4.0"),
            List.of(
                    new Entry(
                            "feat",
                            Optional.of("search"),
                            "search by tag",
                            false,
                            List.of(),
                            "0123456789abcdef0123456789abcdef01234567",
                            List.of("#12")),
                    new Entry(
                            "fix",
                            Optional.empty(),
                            "keep <b>bold</b> names | escaped (#20)",
                            false,
                            List.of(),
                            "89abcdef0123456789abcdef0123456789abcdef",
                            List.of("#15"))));

    /** The report of run-1, from the store the run wrote, with the gate it recorded. */
    private RunReport report(Plan plan) throws Exception {
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            ReleaseLog releaseLog = new ReleaseLog(store);
            Optional<RecordedGate> gate = releaseLog
                    .lastGate("1.4.0", "production")
                    .map(e -> {
                        try {
                            return RecordedGate.parse(e.payload());
                        } catch (java.io.IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    });
            return new RunReport(
                    new RunLog(store).runs("1.4.0", "production").get("run-1"),
                    gate,
                    CHANGES,
                    List.of(),
                    "roll back with ./target.sh --to {previousVersion} --env {environment} --weight {weight}",
                    "Prometheus",
                    plan.rollback(),
                    ZoneOffset.UTC);
        }
    }

    /**
     * Compares run-1's three reports with {@code reports/NAME.md}, {@code .json} and {@code .html}. A command's
     * duration is the one thing that differs from run to run; it is written as 0.
     */
    private void assertReportsAsExpected(String name, Plan plan) throws Exception {
        RunReport report = report(plan);
        String json = report.json().replaceAll("\"durationMillis\" : \\d+", "\"durationMillis\" : 0");
        assertThat(report.markdown()).isEqualTo(Golden.expected("reports/" + name + ".md", report.markdown()));
        assertThat(json).isEqualTo(Golden.expected("reports/" + name + ".json", json));
        assertThat(report.html()).isEqualTo(Golden.expected("reports/" + name + ".html", report.html()));
    }

    @Test
    void aHealthyCanaryIsReleasedStepByStep() throws Exception {
        errorRate(minute -> "0.004");
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            RunState state = run(store, plan("hard"), "run-1");
            assertThat(state.end())
                    .hasValueSatisfying(e -> assertThat(e.verdict()).isEqualTo(Verdict.RELEASED));
            assertThat(state.weight()).isEqualTo(100);
        }
        assertThat(calls())
                .containsExactly(
                        "deploy 0 run-1/deploy",
                        "set-weight 10 run-1/set-weight-1",
                        "set-weight 50 run-1/set-weight-2",
                        "set-weight 100 run-1/set-weight-3",
                        "promote 100 run-1/promote");
        assertReportsAsExpected("canary-released", plan("hard"));
    }

    @Test
    void aHardBreachAtStepTwoRollsBackAtOnce() throws Exception {
        // Step 1 is watched minutes 1-3, step 2 minutes 4-6: the rate jumps at minute 4 and holds for 2m at minute 6.
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        RunState state;
        List<Event> events;
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            state = run(store, plan("hard"), "run-1");
            events = store.events("1.4.0", null);
        }
        assertThat(state.end()).hasValueSatisfying(e -> {
            assertThat(e.verdict()).isEqualTo(Verdict.ROLLED_BACK);
            assertThat(e.reason()).startsWith("DEP-020 fired: error_rate 5% > 2% for 2m");
            assertThat(e.liveChanged()).isTrue();
        });
        assertThat(calls())
                .containsExactly(
                        "deploy 0 run-1/deploy",
                        "set-weight 10 run-1/set-weight-1",
                        "set-weight 50 run-1/set-weight-2",
                        "set-weight 0 run-1/traffic-back",
                        "rollback 0 run-1/rollback");
        assertThat(events)
                .extracting(Event::kind)
                .contains("run.breached", "run.rollback-decided", "run.notified", "run.ended");
        String report = report(plan("hard")).markdown();
        assertThat(report)
                .startsWith(
                        "# Release Report — 1.4.0 → production\n\n- Date: 2026-03-20 09:00:00 Z\n- Operator: Mark Liu")
                .contains("- Verdict: Rolled-Back")
                .contains("| Suite | Pass | Fail | Skip | Source |\n|---|---|---|---|---|\n"
                        + "| dev.shop.CartTest | 2 | 0 | 0 | DEP-015 |\n"
                        + "| dev.shop.SearchTest | 1 | 0 | 1 | DEP-015 |\n")
                .contains("| T+ (m:ss) | Step | error_rate |\n|---|---|---|\n| 1:00 | 1 | 0.4% |")
                .contains("| 6:00 | 2 | 5% FIRED |")
                .contains("- DEP-020 (hard): error_rate 5% > 2% for 2m (since 09:04:00)")
                .contains("| keep &lt;b>bold&lt;/b> names \\| escaped (#20) (89abcde) | #20, #15 | fix |")
                .contains("- Tickets in scope: 3 (#12, #20, #15)")
                .contains(
                        "- Rollback script: roll back with ./target.sh --to 1.3.0 --env production --weight {weight}\n")
                .contains("- Trigger: auto")
                .contains("- Post-rollback smoke: pass");
        assertThat(events)
                .filteredOn(e -> e.kind().equals("run.validation-ran"))
                .hasSize(2);
        assertThat(report(plan("hard")).json())
                .as("the gate says what it checked for this release")
                .contains("\"verification\" : \"CHANGELOG.md has a heading with \\\"1.4.0\\\"\"")
                .doesNotContain("{version}");
        assertReportsAsExpected("canary-hard-breach", plan("hard"));
    }

    @Test
    void theHtmlReportIsOnePageWithItsChartAndEscapedText() throws Exception {
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        String html;
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            run(store, plan("hard"), "run-1");
            var changes = new dev.gantry.changelog.ReleaseChanges(
                    "1.4.0",
                    java.time.LocalDate.parse("2026-03-20"),
                    Optional.of("v1.3.0"),
                    Optional.of("v1.4.0"),
                    List.of(new dev.gantry.changelog.Entry(
                            "feat",
                            Optional.empty(),
                            "render <b>bold</b> names",
                            false,
                            List.of(),
                            "0123456789abcdef0123456789abcdef01234567",
                            List.of("#12"))));
            html = new dev.gantry.report.RunReport(
                            new RunLog(store).runs("1.4.0", "production").get("run-1"),
                            Optional.empty(),
                            changes,
                            List.of(),
                            "roll back with ./target.sh",
                            "Prometheus",
                            plan("hard").rollback(),
                            java.time.ZoneOffset.UTC)
                    .html();
        }
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("render &lt;b&gt;bold&lt;/b&gt; names")
                .doesNotContain("<b>bold")
                .contains("<svg", "threshold 2%", "<circle", "fired at T+6:00: 5%</title>", "fired: 5%</text>")
                .as("the value axis is labelled in the threshold's unit")
                .contains(">0%</text>", ">6%</text>", "error_rate (%)")
                .contains("<line class=\"step\"", "step 2 · 50%</text>")
                .doesNotContain("<script", "src=", "href=", "@import", "url(");
    }

    @Test
    void aFailedScriptsLastLinesAreInEveryReport() throws Exception {
        errorRate(minute -> "0.004");
        Files.writeString(
                root.resolve("target.sh"),
                """
                #!/bin/sh
                echo "$GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_STEP_ID" >> calls.log
                if [ "$GANTRY_ACTION" = deploy ]; then
                  i=1; while [ $i -le 25 ]; do echo "line $i"; i=$((i+1)); done
                  echo "<disk> full | \\`\\`\\`" >&2
                  exit 2
                fi
                """);
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            assertThat(run(store, plan("hard"), "run-1").end())
                    .hasValueSatisfying(e -> assertThat(e.verdict()).isEqualTo(Verdict.ABORTED));
        }
        RunReport report = report(plan("hard"));

        assertThat(report.markdown())
                .contains("Output of run-1/deploy (last 20 lines):\n\n````text\nout| line 7\n")
                .contains("out| line 25\nerr| <disk> full | ```\n````\n")
                .doesNotContain("out| line 6\n");
        assertThat(report.html())
                .contains("<pre>out| line 7\n")
                .contains("out| line 25\nerr| &lt;disk&gt; full | ```\n</pre>")
                .doesNotContain("<p>out| line");
    }

    @Test
    void aSoftBreachPausesAndWaitsForAPerson() throws Exception {
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            RunState state = run(store, plan("soft"), "run-1");
            assertThat(state.finished()).isFalse();
            assertThat(state.waiting())
                    .hasValueSatisfying(p -> assertThat(p.reason()).startsWith("soft trigger DEP-020 fired"));
            assertThat(run(store, plan("soft"), "run-1").waiting())
                    .as("running it again still waits")
                    .isPresent();
        }
        assertThat(calls()).hasSize(3);
    }

    @Test
    void aPersonMayContinuePastASoftBreachOrRollBack() throws Exception {
        // The rate is high in minutes 4 to 6 only: the soft trigger fires at minute 6, the end of step 2.
        errorRate(minute -> minute >= 4 && minute <= 6 ? "0.05" : "0.004");
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            Time.Virtual time = Time.virtual(T0);
            assertThat(run(store, plan("soft"), "run-1", time).waiting()).isPresent();
            RunState state = engineRun(store, plan("soft"), "run-1", time, true);
            assertThat(state.end()).hasValueSatisfying(e -> {
                assertThat(e.verdict()).isEqualTo(Verdict.RELEASED_WITH_OVERRIDE);
                assertThat(e.reason()).contains("a person let the release pass");
            });
        }
        assertThat(calls()).endsWith("set-weight 100 run-1/set-weight-3", "promote 100 run-1/promote");
        assertReportsAsExpected("canary-soft-continued", plan("soft"));
    }

    @Test
    void aPersonsReasonIsTextInTheReportNeverMarkup() throws Exception {
        errorRate(minute -> minute >= 4 && minute <= 6 ? "0.05" : "0.004");
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            Time.Virtual time = Time.virtual(T0);
            assertThat(run(store, plan("soft"), "run-1", time).waiting()).isPresent();
            new RunEngine(new RunLog(store), time)
                    .decide(
                            request(store, plan("soft"), "run-1", time),
                            true,
                            "Linh Vo",
                            "<script>alert(1)</script> [x](javascript:alert(1)) | cell");
        }
        String markdown = report(plan("soft")).markdown();
        assertThat(markdown)
                .contains("continued by Linh Vo: &lt;script>alert(1)&lt;/script> \\[x\\](javascript:alert(1)) \\| cell")
                .doesNotContain("<script>")
                .doesNotContain("[x](");
        assertThat(report(plan("soft")).html()).doesNotContain("<script>");
    }

    @Test
    void aPersonMayRollBackAPausedRun() throws Exception {
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            Time.Virtual time = Time.virtual(T0);
            run(store, plan("soft"), "run-1", time);
            RunState state = engineRun(store, plan("soft"), "run-1", time, false);
            assertThat(state.end()).hasValueSatisfying(e -> {
                assertThat(e.verdict()).isEqualTo(Verdict.ROLLED_BACK);
                assertThat(e.reason()).isEqualTo("rolled back by Linh Vo: customers complain");
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> engineRun(store, plan("soft"), "run-1", time, true))
                    .hasMessage("run run-1 is not waiting for a decision");
        }
        assertThat(calls()).endsWith("set-weight 0 run-1/traffic-back", "rollback 0 run-1/rollback");
    }

    @Test
    void aBlueGreenWhoseSmokeTestFailsBeforeTheSwitchIsAbortedAndUndone() throws Exception {
        errorRate(minute -> "0.004");
        Plan plan = PlanText.load(
                root,
                """
                environments: [{ name: production }]
                rollback:
                  - { id: DEP-020, metric: error_rate, query: error_rate, threshold: "> 2%", for: 2m }
                validation:
                  - { id: DEP-030, title: Health, check: { type: command, run: "sh -c false" } }
                rollout:
                  strategy: blue-green
                  blueGreen: { watch: 3m }
                  canary: { cadence: 1m }
                """);
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            RunState state = run(store, plan, "run-1");
            assertThat(state.end()).hasValueSatisfying(e -> {
                assertThat(e.verdict()).isEqualTo(Verdict.ABORTED);
                assertThat(e.liveChanged()).isFalse();
                assertThat(e.reason())
                        .startsWith("smoke test DEP-030 failed")
                        .endsWith("the deploy without traffic was undone");
            });
        }
        assertThat(calls()).containsExactly("deploy 0 run-1/deploy", "rollback 0 run-1/rollback");
        assertReportsAsExpected("blue-green-smoke-failed", plan);
    }

    @Test
    void aRollingReleaseStopsAtTheBatchWhereTheTriggerFires() throws Exception {
        // Batch 1 is watched minutes 1-3, batch 2 minutes 4-6.
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        Plan plan = PlanText.load(
                root,
                """
                environments: [{ name: production }]
                rollback:
                  - { id: DEP-020, metric: error_rate, query: error_rate, threshold: "> 2%", for: 2m }
                rollout:
                  strategy: rolling
                  rolling: { batches: 3, watch: 3m }
                  canary: { cadence: 1m }
                """);
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            RunState state = run(store, plan, "run-1");
            assertThat(state.end())
                    .hasValueSatisfying(e -> assertThat(e.verdict()).isEqualTo(Verdict.ROLLED_BACK));
        }
        assertThat(calls())
                .containsExactly("deploy 33 run-1/deploy-1", "deploy 67 run-1/deploy-2", "rollback 0 run-1/rollback");
        assertReportsAsExpected("rolling-stopped", plan);
    }

    @Test
    void aManualPauseWaitsOnceAndGoingOnIsNoOverride() throws Exception {
        errorRate(minute -> "0.004");
        Plan plan = PlanText.load(
                root,
                """
                environments: [{ name: production }]
                rollback:
                  - { id: DEP-020, metric: error_rate, query: error_rate, threshold: "> 2%", for: 2m }
                rollout:
                  canary: { steps: [10%, 50%, 100%], watch: 3m, cadence: 1m, pauseAt: [50%] }
                """);
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            Time.Virtual time = Time.virtual(T0);
            RunState paused = run(store, plan, "run-1", time);
            assertThat(paused.waiting()).hasValueSatisfying(p -> {
                assertThat(p.manual()).isTrue();
                assertThat(p.reason()).startsWith("manual pause after the 50% step");
            });
            assertThat(calls()).endsWith("set-weight 50 run-1/set-weight-2");
            RunState state = engineRun(store, plan, "run-1", time, true);
            assertThat(state.end())
                    .hasValueSatisfying(e -> assertThat(e.verdict()).isEqualTo(Verdict.RELEASED));
        }
        assertThat(calls()).endsWith("set-weight 100 run-1/set-weight-3", "promote 100 run-1/promote");
    }

    @Test
    void aRelativeTriggerComparesTheCanaryWithTheStableVersionAtTheSameTime() throws Exception {
        Map<Instant, String> canary = new LinkedHashMap<>();
        Map<Instant, String> stable = new LinkedHashMap<>();
        for (int minute = 0; minute <= 60; minute++) {
            Instant at = T0.plusSeconds(60L * minute);
            // The whole service slows down at minute 2; the canary alone is 3x slower from minute 4.
            stable.put(at, minute >= 2 ? "0.4" : "0.1");
            canary.put(at, minute >= 4 ? "1.2" : minute >= 2 ? "0.44" : "0.11");
        }
        prometheus.series("latency{version=\"1.4.0\"}", Map.of(), canary);
        prometheus.series("latency{version=\"1.3.0\"}", Map.of(), stable);
        Plan plan = PlanText.load(
                root,
                """
                environments: [{ name: production }]
                rollback:
                  - { id: DEP-021, metric: p99_latency, query: 'latency{version="{version}"}', threshold: "> 1.5x baseline", for: 2m }
                rollout:
                  canary: { steps: [10%, 50%, 100%], watch: 3m, cadence: 1m }
                """);
        RunState state;
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            state = run(store, plan, "run-1");
        }
        assertThat(state.end()).hasValueSatisfying(e -> {
            assertThat(e.verdict()).isEqualTo(Verdict.ROLLED_BACK);
            assertThat(e.reason()).startsWith("DEP-021 fired: p99_latency 3x baseline (1.2 against 0.4)");
        });
        assertThat(calls())
                .contains("set-weight 50 run-1/set-weight-2")
                .doesNotContain("set-weight 100 run-1/set-weight-3");
    }

    @Test
    void aTriggerNamingTheVersionShowsTheStableVersionBesideTheNewOne() throws Exception {
        Map<Instant, String> canary = new LinkedHashMap<>();
        Map<Instant, String> stable = new LinkedHashMap<>();
        for (int minute = 0; minute <= 60; minute++) {
            canary.put(T0.plusSeconds(60L * minute), "0.01");
            stable.put(T0.plusSeconds(60L * minute), "0.002");
        }
        prometheus.series("errors{version=\"1.4.0\"}", Map.of(), canary);
        prometheus.series("errors{version=\"1.3.0\"}", Map.of(), stable);
        Plan plan = PlanText.load(
                root,
                """
                environments: [{ name: production }]
                rollback:
                  - { id: DEP-020, metric: error_rate, query: 'errors{version="{version}"}', threshold: "> 2%", for: 2m }
                rollout:
                  canary: { steps: [50%, 100%], watch: 2m, cadence: 1m }
                """);
        RunState state;
        List<RunEvent.Sampled> samples;
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            state = run(store, plan, "run-1");
            samples = RunLog.events(
                            new RunLog(store).runs("1.4.0", "production").get("run-1"))
                    .stream()
                    .filter(RunEvent.Sampled.class::isInstance)
                    .map(RunEvent.Sampled.class::cast)
                    .toList();
        }
        assertThat(state.end()).hasValueSatisfying(e -> assertThat(e.verdict()).isEqualTo(Verdict.RELEASED));
        assertThat(samples).hasSize(4).allSatisfy(s -> {
            assertThat(s.value()).isEqualTo(0.01);
            assertThat(s.baseline()).as("the stable version at the same moment").isEqualTo(0.002);
        });
        assertThat(report(plan).markdown())
                .contains("| T+ (m:ss) | Step | error_rate | error_rate (stable) |")
                .contains("| 1:00 | 1 | 1% | 0.2% |");
        assertThat(report(plan).html())
                .as("the chart draws the stable version too")
                .contains("class=\"stable\"");
    }

    @Test
    void noDataIsABreachNeverAPass() throws Exception {
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            RunState state = run(store, plan("hard"), "run-1");
            assertThat(state.end()).hasValueSatisfying(e -> {
                assertThat(e.verdict()).isEqualTo(Verdict.ROLLED_BACK);
                assertThat(e.reason()).contains("no data for 3 samples");
            });
        }
    }

    @Test
    void aNoGoGateAbortsWithNothingTouched() throws Exception {
        Files.writeString(root.resolve("CHANGELOG.md"), "## [1.3.0]\n");
        errorRate(minute -> "0.004");
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            RunState state = run(store, plan("hard"), "run-1");
            assertThat(state.end()).hasValueSatisfying(e -> {
                assertThat(e.verdict()).isEqualTo(Verdict.ABORTED);
                assertThat(e.liveChanged()).isFalse();
                assertThat(e.reason()).startsWith("the gate said NO-GO");
            });
        }
        assertThat(calls()).isEmpty();
    }

    /** A store that fails every append after {@code survive} of them, as a coordinator killed there would stop. */
    @Test
    void aRunThatRollsBackCrashedAtEveryEventBoundaryEndsAsIfItNeverCrashed() throws Exception {
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        assertThat(crashAtEveryBoundary(Verdict.ROLLED_BACK)).isGreaterThan(20);
    }

    @Test
    void aReleasedRunCrashedAtEveryEventBoundaryEndsAsIfItNeverCrashed() throws Exception {
        errorRate(minute -> "0.004");
        assertThat(crashAtEveryBoundary(Verdict.RELEASED)).isGreaterThan(20);
    }

    /**
     * Crashes the run after each of its events in turn and starts it again on the same store: the verdict and the
     * target's calls are those of the run without a crash. Gives the number of crash points tried.
     */
    private int crashAtEveryBoundary(Verdict expected) throws Exception {
        int total;
        try (H2Store store = H2Store.open(root.resolve("reference"))) {
            run(store, plan("hard"), "run-1");
            total = store.events("1.4.0", null).size();
        }
        List<String> reference = calls();
        for (int crashAt = 1; crashAt < total; crashAt++) {
            Files.deleteIfExists(root.resolve("calls.log"));
            try (H2Store store = H2Store.open(root.resolve("state-" + crashAt))) {
                // The world's clock goes on while the coordinator is down and when it is started again.
                Time.Virtual time = Time.virtual(T0);
                try {
                    run(new CrashingStore(store, crashAt), plan("hard"), "run-1", time);
                } catch (StoreException crashed) {
                    // the coordinator died here; it is started again below
                }
                RunState state = run(store, plan("hard"), "run-1", time);
                assertThat(state.end())
                        .as("crash after event %d", crashAt)
                        .hasValueSatisfying(e -> assertThat(e.verdict()).isEqualTo(expected));
            }
            // An action is repeated only with its own key, and only when it started and never finished.
            List<String> calls = calls();
            assertThat(calls.stream().distinct().toList())
                    .as("crash after event %d", crashAt)
                    .isEqualTo(reference);
        }
        return total - 1;
    }
}
