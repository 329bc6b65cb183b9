package dev.gantry.gate.checks;

import static dev.gantry.gate.checks.ReportChecksContext.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.InvalidValue;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.gate.checks.BenchmarkCheck.Better;
import dev.gantry.plan.Plan;
import dev.gantry.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark check on JMH result files and on other JSON read by path. */
class BenchmarkCheckTest {

    private static final String CHECKOUT = "dev.shop.CheckoutBench.checkout";
    private static final String RESULTS = "build/jmh-result.json";
    private static final String BASELINE = "bench/baseline.json";

    @TempDir
    Path dir;

    private CheckContext context;

    @BeforeEach
    void context() {
        context = ReportChecksContext.in(dir);
    }

    /** One entry of a JMH result file as JMH 1.37 writes it with -rf json. */
    private static String entry(String benchmark, String mode, String params, double score, double p99, String unit) {
        return """
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "%s",%s
                    "threads" : 1,
                    "forks" : 2,
                    "jvm" : "/usr/lib/jvm/java-17/bin/java",
                    "jvmArgs" : [ "-Xmx1g" ],
                    "jdkVersion" : "17.0.9",
                    "vmName" : "OpenJDK 64-Bit Server VM",
                    "vmVersion" : "17.0.9+9",
                    "warmupIterations" : 5,
                    "warmupTime" : "10 s",
                    "warmupBatchSize" : 1,
                    "measurementIterations" : 5,
                    "measurementTime" : "10 s",
                    "measurementBatchSize" : 1,
                    %s
                    "primaryMetric" : {
                        "score" : %s,
                        "scoreError" : 2.104,
                        "scoreConfidence" : [ 148.2, 152.4 ],
                        "scorePercentiles" : {
                            "0.0" : 120.0,
                            "50.0" : 148.5,
                            "90.0" : 170.0,
                            "95.0" : 175.25,
                            "99.0" : %s,
                            "99.9" : 250.0,
                            "99.99" : 300.0,
                            "99.999" : 300.0,
                            "99.9999" : 300.0,
                            "100.0" : 310.0
                        },
                        "scoreUnit" : "%s"
                    },
                    "secondaryMetrics" : {
                    }
                }
                """
                .formatted(
                        benchmark,
                        mode == null ? "" : "\n    \"mode\" : \"" + mode + "\",",
                        params == null ? "" : "\"params\" : " + params + ",",
                        score,
                        p99,
                        unit);
    }

    private static String jmh(String... entries) {
        return "[\n" + String.join(",\n", entries) + "]\n";
    }

    private void sample(String file, double p99) throws Exception {
        write(
                dir,
                file,
                jmh(
                        entry("dev.shop.CartBench.add", "sample", null, 3.2, 4.0, "us/op"),
                        entry(CHECKOUT, "sample", null, 150.3, p99, "us/op")));
    }

    private void throughput(String file, double score) throws Exception {
        write(dir, file, jmh(entry(CHECKOUT, "thrpt", null, score, 0, "ops/s")));
    }

    private static BenchmarkCheck jmhCheck(String metric, String tolerance, Better better) {
        return new BenchmarkCheck(
                RESULTS,
                BASELINE,
                CHECKOUT,
                metric,
                null,
                tolerance == null ? null : Percentage.parse(tolerance),
                better,
                false);
    }

    private CheckResult p99() {
        return jmhCheck("p99", null, null).evaluate(context);
    }

    private CheckResult byPath(String path) {
        return new BenchmarkCheck("build/perf.json", "bench/perf.json", null, null, path, null, Better.LOWER, false)
                .evaluate(context);
    }

    @Test
    void aPercentileWithinTheToleranceIsMet() throws Exception {
        sample(RESULTS, 184.2);
        sample(BASELINE, 180.0);

        CheckResult result = p99();

        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("p99 184.2 us/op vs baseline 180.0 (+2.3%, limit +5%)");
        assertThat(result.details()).containsExactly("lower is better; up to 189.0 us/op is within 5% of the baseline");
        assertThat(result.facts())
                .containsEntry("result", 184.2)
                .containsEntry("baseline", 180.0)
                .containsEntry("changePercent", 2.3)
                .containsEntry("tolerancePercent", 5.0)
                .containsEntry("better", "lower")
                .containsEntry("unit", "us/op");
    }

    @Test
    void aPercentileWorseThanTheToleranceIsUnmet() throws Exception {
        sample(RESULTS, 190.0);
        sample(BASELINE, 180.0);

        CheckResult result = p99();

        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("p99 190.0 us/op vs baseline 180.0 (+5.6%, limit +5%)");
    }

    @Test
    void exactlyAtTheLimitPasses() throws Exception {
        sample(RESULTS, 189.0);
        sample(BASELINE, 180.0);
        assertThat(p99().status()).isEqualTo(Status.MET);

        sample(RESULTS, 189.01);
        assertThat(p99().status()).isEqualTo(Status.UNMET);
    }

    @Test
    void throughputIsBetterHigher() throws Exception {
        throughput(BASELINE, 1200.0);

        throughput(RESULTS, 1140.0);
        CheckResult atLimit = jmhCheck(null, null, null).evaluate(context);
        assertThat(atLimit.status()).isEqualTo(Status.MET);
        assertThat(atLimit.evidence()).isEqualTo("score 1140.0 ops/s vs baseline 1200.0 (-5.0%, limit -5%)");
        assertThat(atLimit.details())
                .containsExactly("higher is better; down to 1140.0 ops/s is within 5% of the baseline");

        throughput(RESULTS, 1139.0);
        assertThat(jmhCheck(null, null, null).evaluate(context).status()).isEqualTo(Status.UNMET);

        throughput(RESULTS, 1500.0);
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("score 1500.0 ops/s vs baseline 1200.0 (+25.0%, limit -5%)");
    }

    @Test
    void averageTimeIsBetterLowerAndBetterCanBeGiven() throws Exception {
        write(dir, BASELINE, jmh(entry(CHECKOUT, "avgt", null, 100.0, 0, "ns/op")));
        write(dir, RESULTS, jmh(entry(CHECKOUT, "avgt", null, 90.0, 0, "ns/op")));

        assertThat(jmhCheck(null, null, null).evaluate(context).status()).isEqualTo(Status.MET);
        CheckResult reversed = jmhCheck(null, null, Better.HIGHER).evaluate(context);
        assertThat(reversed.status()).isEqualTo(Status.UNMET);
        assertThat(reversed.evidence()).isEqualTo("score 90.0 ns/op vs baseline 100.0 (-10.0%, limit -5%)");
        assertThat(jmhCheck(null, "10%", Better.HIGHER).evaluate(context).status())
                .isEqualTo(Status.MET);
    }

    @Test
    void singleShotTimeIsBetterLower() throws Exception {
        write(dir, BASELINE, jmh(entry(CHECKOUT, "ss", null, 10.0, 0, "ms/op")));
        write(dir, RESULTS, jmh(entry(CHECKOUT, "ss", null, 11.0, 0, "ms/op")));
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("score 11.0 ms/op vs baseline 10.0 (+10.0%, limit +5%)");
    }

    @Test
    void otherPercentilesAreFoundByTheirKey() throws Exception {
        sample(RESULTS, 184.2);
        sample(BASELINE, 180.0);
        assertThat(jmhCheck("p50", null, null).evaluate(context).evidence())
                .isEqualTo("p50 148.5 us/op vs baseline 148.5 (+0.0%, limit +5%)");
        assertThat(jmhCheck("p99.9", null, null).evaluate(context).evidence())
                .isEqualTo("p99.9 250.0 us/op vs baseline 250.0 (+0.0%, limit +5%)");
        assertThat(jmhCheck("p95", null, null).evaluate(context).evidence()).startsWith("p95 175.3 us/op");
    }

    @Test
    void aHandWrittenBaselineMayWritePercentileKeysShort() throws Exception {
        sample(RESULTS, 184.2);
        write(
                dir,
                BASELINE,
                "[{\"benchmark\": \"" + CHECKOUT + "\", \"mode\": \"sample\", \"primaryMetric\":"
                        + " {\"score\": 150, \"scorePercentiles\": {\"99\": 180}, \"scoreUnit\": \"us/op\"}}]");
        assertThat(p99().evidence()).isEqualTo("p99 184.2 us/op vs baseline 180.0 (+2.3%, limit +5%)");
    }

    @Test
    void aMissingPercentileIsAnError() throws Exception {
        sample(RESULTS, 184.2);
        write(
                dir,
                BASELINE,
                "[{\"benchmark\": \"" + CHECKOUT + "\", \"mode\": \"avgt\", \"primaryMetric\":"
                        + " {\"score\": 150, \"scoreUnit\": \"us/op\"}}]");

        CheckResult result = p99();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("bench/baseline.json has no dev.shop.CheckoutBench.checkout"
                        + " primaryMetric.scorePercentiles[\"99.0\"] (it has no percentiles)");
        CheckResult other = jmhCheck("p99.5", null, null).evaluate(context);
        assertThat(other.evidence())
                .isEqualTo("build/jmh-result.json has no dev.shop.CheckoutBench.checkout"
                        + " primaryMetric.scorePercentiles[\"99.5\"] (it has 0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99,"
                        + " 99.999, 99.9999, 100.0)");
    }

    @Test
    void aMissingBenchmarkIsAnErrorNamingThoseThere() throws Exception {
        sample(RESULTS, 184.2);
        write(dir, BASELINE, jmh(entry("dev.shop.CartBench.add", "sample", null, 3.2, 4.0, "us/op")));

        CheckResult result = p99();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("bench/baseline.json has no benchmark \"dev.shop.CheckoutBench.checkout\"; it has"
                        + " dev.shop.CartBench.add");
    }

    @Test
    void severalEntriesOfOneBenchmarkAreAnError() throws Exception {
        write(
                dir,
                RESULTS,
                jmh(
                        entry(CHECKOUT, "thrpt", "{ \"items\" : \"1\" }", 10, 0, "ops/s"),
                        entry(CHECKOUT, "thrpt", "{ \"items\" : \"100\" }", 1, 0, "ops/s")));
        throughput(BASELINE, 10);

        CheckResult result = jmhCheck(null, null, null).evaluate(context);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/jmh-result.json has 2 results for \"dev.shop.CheckoutBench.checkout\" (thrpt"
                        + " {\"items\":\"1\"}; thrpt {\"items\":\"100\"}); pick one with path and a filter on its"
                        + " mode or params");
    }

    @Test
    void aFilterPathPicksOneOfSeveralEntries() throws Exception {
        String both = jmh(
                entry(CHECKOUT, "thrpt", "{ \"items\" : \"1\" }", 1000, 0, "ops/s"),
                entry(CHECKOUT, "thrpt", "{ \"items\" : \"100\" }", 10, 0, "ops/s"));
        write(dir, RESULTS, both);
        write(dir, BASELINE, both);
        String path = "$[?(@.benchmark == '" + CHECKOUT + "' && @.params.items == '100')].primaryMetric.score";

        CheckResult result =
                new BenchmarkCheck(RESULTS, BASELINE, null, null, path, null, Better.HIGHER, false).evaluate(context);

        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo(path + " 10.0 vs baseline 10.0 (+0.0%, limit -5%)");
    }

    @Test
    void resultsAndBaselineMustMeasureTheSameWay() throws Exception {
        write(dir, RESULTS, jmh(entry(CHECKOUT, "avgt", null, 10, 0, "us/op")));
        write(dir, BASELINE, jmh(entry(CHECKOUT, "avgt", null, 10, 0, "ms/op")));
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("dev.shop.CheckoutBench.checkout is in us/op in build/jmh-result.json but in ms/op in"
                        + " bench/baseline.json: the two cannot be compared");

        write(dir, BASELINE, jmh(entry(CHECKOUT, "sample", null, 10, 0, "us/op")));
        CheckResult modes = jmhCheck(null, null, null).evaluate(context);
        assertThat(modes.status()).isEqualTo(Status.ERROR);
        assertThat(modes.evidence())
                .isEqualTo("dev.shop.CheckoutBench.checkout ran in mode avgt for build/jmh-result.json but in mode"
                        + " sample for bench/baseline.json: the two cannot be compared");

        write(dir, BASELINE, jmh(entry(CHECKOUT, null, null, 10, 0, "us/op")));
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("dev.shop.CheckoutBench.checkout ran in mode avgt for build/jmh-result.json but in mode"
                        + " (no mode) for bench/baseline.json: the two cannot be compared");
        write(
                dir,
                BASELINE,
                "[{\"benchmark\": \"" + CHECKOUT + "\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 10}}]");
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("dev.shop.CheckoutBench.checkout is in us/op in build/jmh-result.json but in (no unit) in"
                        + " bench/baseline.json: the two cannot be compared");
    }

    @Test
    void anUnknownModeNeedsBetter() throws Exception {
        String odd = jmh(entry(CHECKOUT, "custom", null, 10, 0, "x/op"));
        write(dir, RESULTS, odd);
        write(dir, BASELINE, odd);
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("build/jmh-result.json: JMH mode \"custom\" is unknown; set better: lower or higher");
        assertThat(jmhCheck(null, null, Better.LOWER).evaluate(context).status())
                .isEqualTo(Status.MET);
    }

    @Test
    void withoutAModeTheUnitSaysWhichWayIsBetter() throws Exception {
        write(dir, BASELINE, jmh(entry(CHECKOUT, null, null, 300, 0, "ops/s")));
        write(dir, RESULTS, jmh(entry(CHECKOUT, null, null, 100, 0, "ops/s")));
        CheckResult slower = jmhCheck(null, null, null).evaluate(context);
        assertThat(slower.status()).isEqualTo(Status.UNMET);
        assertThat(slower.evidence()).isEqualTo("score 100.0 ops/s vs baseline 300.0 (-66.7%, limit -5%)");
        assertThat(slower.facts()).containsEntry("better", "higher");

        for (String unit : List.of("s/op", "ms/op", "us/op", "ns/op")) {
            write(dir, BASELINE, jmh(entry(CHECKOUT, null, null, 100, 0, unit)));
            write(dir, RESULTS, jmh(entry(CHECKOUT, null, null, 300, 0, unit)));
            assertThat(jmhCheck(null, null, null).evaluate(context).status())
                    .as(unit)
                    .isEqualTo(Status.UNMET);
        }
        for (String unit : List.of("ops/ms", "ops/us", "ops/ns", "ops/min")) {
            write(dir, BASELINE, jmh(entry(CHECKOUT, null, null, 300, 0, unit)));
            write(dir, RESULTS, jmh(entry(CHECKOUT, null, null, 100, 0, unit)));
            assertThat(jmhCheck(null, null, null).evaluate(context).status())
                    .as(unit)
                    .isEqualTo(Status.UNMET);
        }
    }

    @Test
    void withoutAModeOrAKnownUnitTheDirectionIsNotGuessed() throws Exception {
        String odd = jmh(entry(CHECKOUT, null, null, 10, 0, "B/op"));
        write(dir, RESULTS, odd);
        write(dir, BASELINE, odd);
        CheckResult result = jmhCheck(null, null, null).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/jmh-result.json: cannot tell whether higher or lower is better: no JMH mode and unit"
                        + " \"B/op\", neither a rate such as ops/s nor a time per operation such as us/op; set better:"
                        + " lower or higher");

        String bare = "[{\"benchmark\": \"" + CHECKOUT + "\", \"primaryMetric\": {\"score\": 10}}]";
        write(dir, RESULTS, bare);
        write(dir, BASELINE, bare);
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("build/jmh-result.json: cannot tell whether higher or lower is better: no JMH mode and no"
                        + " unit; set better: lower or higher");
        assertThat(jmhCheck(null, null, Better.HIGHER).evaluate(context).status())
                .isEqualTo(Status.MET);
    }

    @Test
    void aModeAndAUnitThatDisagreeAreAnError() throws Exception {
        String odd = jmh(entry(CHECKOUT, "thrpt", null, 10, 0, "us/op"));
        write(dir, RESULTS, odd);
        write(dir, BASELINE, odd);
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("build/jmh-result.json: JMH mode thrpt means higher is better but unit us/op means lower;"
                        + " set better: lower or higher");
    }

    @Test
    void aScoreThatIsNotANumberIsAnError() throws Exception {
        sample(BASELINE, 180.0);
        write(
                dir,
                RESULTS,
                jmh(entry(CHECKOUT, "sample", null, 150.3, 184.2, "us/op").replace("150.3", "\"NaN\"")));
        assertThat(jmhCheck(null, null, null).evaluate(context).evidence())
                .isEqualTo("build/jmh-result.json: dev.shop.CheckoutBench.checkout primaryMetric.score is \"NaN\","
                        + " expected a number");
    }

    @Test
    void aJmhFileMustBeAnArray() throws Exception {
        write(dir, RESULTS, "{\"benchmark\": \"x\"}");
        sample(BASELINE, 180.0);
        assertThat(p99().evidence())
                .isEqualTo("build/jmh-result.json is not a JMH result: expected a JSON array of benchmarks");
    }

    @Test
    void missingAndMalformedFilesAreErrorsNamingThem() throws Exception {
        sample(BASELINE, 180.0);
        assertThat(p99().evidence()).isEqualTo("build/jmh-result.json does not exist");

        write(dir, RESULTS, "[{\"benchmark\": \"x\",]");
        CheckResult malformed = p99();
        assertThat(malformed.status()).isEqualTo(Status.ERROR);
        assertThat(malformed.evidence()).startsWith("build/jmh-result.json:1:");
        assertThat(malformed.evidence()).contains("malformed JSON");

        sample(RESULTS, 184.2);
        write(dir, BASELINE, "");
        assertThat(p99().evidence()).isEqualTo("bench/baseline.json is empty, expected JSON");
        java.nio.file.Files.delete(dir.resolve(BASELINE));
        java.nio.file.Files.createDirectories(dir.resolve(BASELINE));
        assertThat(p99().evidence()).isEqualTo("bench/baseline.json is a folder, expected a JSON file");
    }

    @Test
    void otherFormatsAreReadByPathInTheDirectionGiven() throws Exception {
        write(dir, "build/perf.json", "{\"latency\": {\"p50\": 80, \"p99\": 184.2}, \"rps\": 950}");
        write(dir, "bench/perf.json", "{\"latency\": {\"p50\": 75, \"p99\": 180}, \"rps\": 1000}");

        CheckResult result = byPath("$.latency.p99");

        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("$.latency.p99 184.2 vs baseline 180.0 (+2.3%, limit +5%)");
        assertThat(result.facts()).doesNotContainKey("unit");
        assertThat(byPath("$.latency.p50").evidence())
                .isEqualTo("$.latency.p50 80.0 vs baseline 75.0 (+6.7%, limit +5%)");
        assertThat(byPath("$.latency.p50").status()).isEqualTo(Status.UNMET);
    }

    @Test
    void aPathThatFindsNothingOrNoSingleNumberIsAnError() throws Exception {
        write(
                dir,
                "build/perf.json",
                "{\"latency\": {\"p99\": \"fast\", \"all\": [1, 2], \"none\": null}, \"runs\": []}");
        write(dir, "bench/perf.json", "{\"latency\": {\"p99\": 180}}");

        assertThat(byPath("$.latency.p95").evidence()).isEqualTo("build/perf.json has nothing at $.latency.p95");
        assertThat(byPath("$.latency.p99").evidence())
                .isEqualTo("build/perf.json: $.latency.p99 is \"fast\", expected a number");
        assertThat(byPath("$.latency.all[*]").evidence())
                .isEqualTo("build/perf.json has 2 values at $.latency.all[*], expected one number");
        assertThat(byPath("$.runs[*].p99").evidence()).isEqualTo("build/perf.json has nothing at $.runs[*].p99");
        assertThat(byPath("$.latency.none").evidence()).isEqualTo("build/perf.json has null at $.latency.none");
        assertThat(byPath("$.latency").evidence())
                .isEqualTo("build/perf.json: $.latency is {\"p99\":\"fast\",\"all\":[1,2],\"none\":null}, expected a"
                        + " number");
    }

    @Test
    void numbersWrittenAsTextAreRead() throws Exception {
        write(dir, "build/perf.json", "{\"p99\": \"181.5\"}");
        write(dir, "bench/perf.json", "{\"p99\": 180}");
        assertThat(byPath("$.p99").evidence()).isEqualTo("$.p99 181.5 vs baseline 180.0 (+0.8%, limit +5%)");
    }

    @Test
    void aNegativeScoreIsAnError() throws Exception {
        throughput(BASELINE, 300);
        throughput(RESULTS, -100);
        CheckResult result = jmhCheck(null, null, null).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/jmh-result.json: dev.shop.CheckoutBench.checkout primaryMetric.score is -100.0,"
                        + " expected a number of 0 or more");

        write(dir, "build/perf.json", "{\"p99\": 180}");
        write(dir, "bench/perf.json", "{\"p99\": \"-180\"}");
        assertThat(byPath("$.p99").evidence())
                .isEqualTo("bench/perf.json: $.p99 is \"-180\", expected a number of 0 or more");
    }

    @Test
    void aZeroBaselineIsAnError() throws Exception {
        write(dir, "build/perf.json", "{\"errors\": 1}");
        write(dir, "bench/perf.json", "{\"errors\": 0}");
        CheckResult result = byPath("$.errors");
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("bench/perf.json: the baseline $.errors is 0, a tolerance in percent cannot apply");
    }

    @Test
    void freshResultsWereCommittedForThisRelease() throws Exception {
        BenchmarkCheck fresh = new BenchmarkCheck(RESULTS, BASELINE, CHECKOUT, "p99", null, null, null, true);
        sample(BASELINE, 180.0);
        sample(RESULTS, 181.0);
        CheckResult noGit = fresh.evaluate(context);
        assertThat(noGit.status()).isEqualTo(Status.ERROR);
        assertThat(noGit.evidence())
                .isEqualTo("cannot tell whether build/jmh-result.json is fresh without a git repository");

        GitFixture repo = GitFixture.init(dir).commit("perf: baseline").tag("v1.3.0");
        CheckContext inGit = RepoChecksContext.in(dir).previousTag("v1.3.0").build();
        CheckResult old = fresh.evaluate(inGit);
        assertThat(old.status()).isEqualTo(Status.UNMET);
        assertThat(old.evidence())
                .isEqualTo("p99 181.0 us/op vs baseline 180.0 (+0.6%, limit +5%); build/jmh-result.json was last"
                        + " changed before v1.3.0");

        sample(RESULTS, 182.0);
        repo.commit("perf: results of 1.4.0");
        CheckResult now =
                fresh.evaluate(RepoChecksContext.in(dir).previousTag("v1.3.0").build());
        assertThat(now.status()).isEqualTo(Status.MET);
        assertThat(now.evidence())
                .isEqualTo("p99 182.0 us/op vs baseline 180.0 (+1.1%, limit +5%); build/jmh-result.json last changed"
                        + " in " + repo.head().substring(0, 7) + " since v1.3.0");
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> new BenchmarkCheck(RESULTS, BASELINE, null, null, null, null, null, false))
                .hasMessage("a benchmark check needs benchmark (a JMH benchmark's name) or path (a JSON path to the"
                        + " number)");
        assertThatThrownBy(() -> new BenchmarkCheck(RESULTS, BASELINE, CHECKOUT, null, "$.a", null, null, false))
                .hasMessage("give benchmark or path, not both");
        assertThatThrownBy(() -> jmhCheck("p999x", null, null))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected score or a percentile such as p99, p95 or p50, got \"p999x\"");
        assertThatThrownBy(() -> jmhCheck("p101", null, null))
                .hasMessage("expected score or a percentile such as p99, p95 or p50, got \"p101\"");
        assertThatThrownBy(() -> new BenchmarkCheck(RESULTS, BASELINE, null, "p99", "$.a", null, null, false))
                .hasMessage("applies to a JMH benchmark; with path, the path picks the number");
        assertThatThrownBy(() ->
                        new BenchmarkCheck(RESULTS, BASELINE, null, null, "$.latency.", null, Better.LOWER, false))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected a JSON path such as $.latency.p99, got \"$.latency.\": path must not end with a"
                        + " '.' or '..'");
        assertThatThrownBy(() -> new BenchmarkCheck("", BASELINE, CHECKOUT, null, null, null, null, false))
                .hasMessage("expected a JSON file such as build/jmh-result.json, got \"\"");
        assertThatThrownBy(() -> new BenchmarkCheck(RESULTS, BASELINE, null, null, "$.a", null, null, false))
                .hasMessage("with path, give better: lower or higher; a number of any JSON does not say which way is"
                        + " better");
        BenchmarkCheck defaults = new BenchmarkCheck(RESULTS, BASELINE, CHECKOUT, null, null, null, null, false);
        assertThat(defaults.metric()).isEqualTo("score");
        assertThat(defaults.tolerance()).isEqualTo(Percentage.parse("5%"));
    }

    @Test
    void numbersAreShownWithFourDigits() {
        assertThat(BenchmarkCheck.shown(184.23)).isEqualTo("184.2");
        assertThat(BenchmarkCheck.shown(180)).isEqualTo("180.0");
        assertThat(BenchmarkCheck.shown(0.0123456)).isEqualTo("0.01235");
        assertThat(BenchmarkCheck.shown(123456.789)).isEqualTo("123456.8");
        assertThat(BenchmarkCheck.shown(1e-9)).isEqualTo("0.0000000010");
        assertThat(BenchmarkCheck.shown(-2.5)).isEqualTo("-2.5");
    }

    @Test
    void describeSaysWhatIsCompared() {
        assertThat(jmhCheck("p99", null, null).describe())
                .isEqualTo("dev.shop.CheckoutBench.checkout p99 within 5% of bench/baseline.json");
        assertThat(new BenchmarkCheck(
                                "perf.json",
                                "base.json",
                                null,
                                null,
                                "$.rps",
                                Percentage.parse("2.5%"),
                                Better.HIGHER,
                                false)
                        .describe())
                .isEqualTo("$.rps of perf.json within 2.5% of base.json, higher is better");
    }

    @Test
    void thePlanFileDeclaresIt() throws Exception {
        Plan plan = ReportChecksContext.plan(
                dir,
                """
                criteria:
                  - { id: DEP-007, title: Checkout latency, check: { type: benchmark, results: build/jmh-result.json, baseline: bench/baseline.json, benchmark: dev.shop.CheckoutBench.checkout, metric: p99, tolerance: 5% } }
                  - id: DEP-008
                    title: Throughput
                    check:
                      type: benchmark
                      results: build/k6-summary.json
                      baseline: bench/k6-summary.json
                      path: "$.metrics.http_reqs.rate"
                      better: higher
                      tolerance: 10%
                      fresh: true
                """);
        assertThat(plan.criteria().get(0).check())
                .isEqualTo(new BenchmarkCheck(
                        RESULTS, BASELINE, CHECKOUT, "p99", null, Percentage.parse("5%"), null, false));
        assertThat(plan.criteria().get(1).check())
                .isEqualTo(new BenchmarkCheck(
                        "build/k6-summary.json",
                        "bench/k6-summary.json",
                        null,
                        null,
                        "$.metrics.http_reqs.rate",
                        Percentage.parse("10%"),
                        Better.HIGHER,
                        true));
    }

    @Test
    void badSettingsArePlanErrorsWithTheirPosition() throws Exception {
        assertThat(
                        ReportChecksContext.planErrors(
                                dir,
                                """
                        criteria:
                          - id: DEP-007
                            title: Latency
                            check: { type: benchmark, results: r.json, baseline: b.json, benchmark: X.x, tolerence: 5% }
                          - id: DEP-008
                            title: Latency
                            check: { type: benchmark, results: r.json, baseline: b.json, benchmark: X.x, tolerance: 5 }
                          - id: DEP-009
                            title: Latency
                            check: { type: benchmark, results: r.json, baseline: b.json, path: "$.a", better: faster }
                          - id: DEP-010
                            title: Latency
                            check: { type: benchmark, results: r.json, baseline: b.json }
                          - id: DEP-011
                            title: Latency
                            check: { type: benchmark, results: r.json, baseline: b.json, path: "$.a" }
                          - id: DEP-012
                            title: Latency
                            check: { type: benchmark, results: r.json, baseline: b.json, benchmark: X.x, tolerance: -5% }
                        """))
                .containsExactly(
                        "gantry.yaml:4:82: criteria[0].check.tolerence: unknown key \"tolerence\"; did you mean"
                                + " \"tolerance\"?",
                        "gantry.yaml:7:93: criteria[1].check.tolerance: expected a percentage like 95%, got \"5\"",
                        "gantry.yaml:10:87: criteria[2].check.better: expected one of lower, higher, got \"faster\"",
                        "gantry.yaml:13:12: criteria[3].check: a benchmark check needs benchmark (a JMH benchmark's"
                                + " name) or path (a JSON path to the number)",
                        "gantry.yaml:16:12: criteria[4].check: with path, give better: lower or higher; a number of any"
                                + " JSON does not say which way is better",
                        "gantry.yaml:19:93: criteria[5].check.tolerance: expected a percentage of 0% or more, got"
                                + " \"-5%\"");
    }
}
