package dev.gantry.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.H2Store;
import dev.gantry.testing.GitFixture;
import dev.gantry.testing.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagCleanupTest {

    private static final Instant SHIPPED = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    private static final String PLAN =
            """
            environments:
              - name: staging
              - name: production
            flags:
              - { name: new-checkout, type: release, owner: Ana Lima, release: v1.4.0 }
              - { name: search.v2, type: experiment, release: 1.4.0 }
              - { name: dark-mode, type: release, release: 1.5.0 }
              - { name: pay-kill, type: kill-switch }
              - { name: beta-banner, type: release }
              - { name: short-lived, type: operational, release: 1.4.0, removeAfter: 1d }
            """;

    @Test
    void aReleaseFlagIsDueTwoWeeksAfterItsReleaseFirstReachedHundredPercentAndNamesWhereCodeStillReadsIt()
            throws Exception {
        GitFixture repo = GitFixture.init(dir.resolve("repo"));
        write(
                repo,
                "src/Checkout.java",
                "class Checkout {\n  boolean on() { return unleash.isEnabled(\"new-checkout\"); }\n}\n");
        // Names that merely contain a flag's name are other names.
        write(repo, "src/Other.java", "String a = \"new-checkout-v2\"; String b = \"old.new-checkout\";\n");
        write(repo, "web/app.ts", "if (client.getBooleanValue('legacy-banner', false)) show();\n");
        write(repo, "CHANGELOG.md", "- new-checkout behind a flag\n");
        write(repo, ".gantry/releases/v1.4.0/release-plan.md", "| `new-checkout` | Release |\n");
        Plan plan = PlanText.load(repo.dir(), PLAN);
        repo.commit("chore: code");
        // An untracked file is read too: a flag read in code not committed yet is still read.
        write(repo, "src/Draft.py", "if client.is_enabled(\"new-checkout\"):\n    pass\n");

        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            RunLog log = new RunLog(store);
            run(log, "run-1", "1.4.0", "production", SHIPPED, Verdict.ROLLED_BACK);
            run(log, "run-2", "1.4.0", "production", SHIPPED.plus(Duration.ofDays(1)), Verdict.RELEASED);
            run(log, "run-3", "1.4.0", "production", SHIPPED.plus(Duration.ofDays(3)), Verdict.RELEASED);
            run(log, "run-4", "1.5.0", "staging", SHIPPED, Verdict.RELEASED);
            FlagReads reads = new FlagReads(
                    GitRepository.open(repo.dir()), List.of("gantry.yaml", ".gantry", ":(glob)**/CHANGELOG.md"));
            Instant now = SHIPPED.plus(Duration.ofDays(16));
            FlagCleanup cleanup = new FlagCleanupService(store, reads).check(plan, "production", now);

            Map<String, FlagCleanup.Entry> byName = byName(cleanup);
            FlagCleanup.Entry checkout = byName.get("new-checkout");
            // The first Released run counts, not the rolled-back one before it nor a later one.
            assertThat(checkout.lifetime())
                    .isEqualTo(
                            new FlagLifetime.Counting("1.4.0", SHIPPED.plus(Duration.ofDays(1)), Duration.ofDays(14)));
            assertThat(checkout.stale()).isTrue();
            assertThat(checkout.places())
                    .extracting(CodePlace::toString)
                    .containsExactly("src/Checkout.java:2:44", "src/Draft.py:1:23");
            assertThat(checkout.places().get(0).text())
                    .isEqualTo("boolean on() { return unleash.isEnabled(\"new-checkout\"); }");
            // An experiment lives 28 days: not due yet.
            assertThat(byName.get("search.v2").stale()).isFalse();
            assertThat(((FlagLifetime.Counting) byName.get("search.v2").lifetime()).removeBy())
                    .isEqualTo(SHIPPED.plus(Duration.ofDays(29)));
            // Released in staging only: its lifetime in production has not started.
            assertThat(byName.get("dark-mode").lifetime())
                    .isEqualTo(new FlagLifetime.NotRolledOut("1.5.0", Duration.ofDays(14)));
            assertThat(byName.get("pay-kill").lifetime()).isInstanceOf(FlagLifetime.Kept.class);
            assertThat(byName.get("beta-banner").lifetime()).isEqualTo(new FlagLifetime.NoRelease(Duration.ofDays(14)));
            // A lifetime in the plan holds for any type.
            assertThat(byName.get("short-lived").stale()).isTrue();
            assertThat(cleanup.stale()).extracting(e -> e.flag().name()).containsExactly("new-checkout", "short-lived");
            assertThat(cleanup.undefined()).singleElement().satisfies(u -> {
                assertThat(u.name()).isEqualTo("legacy-banner");
                assertThat(u.places()).extracting(CodePlace::toString).containsExactly("web/app.ts:1:29");
            });
            assertThat(cleanup.clean()).isFalse();

            // In staging the same flags count from staging's runs.
            FlagCleanup staging = new FlagCleanupService(store, reads).check(plan, "staging", now);
            assertThat(byName(staging).get("new-checkout").lifetime()).isInstanceOf(FlagLifetime.NotRolledOut.class);
            assertThat(byName(staging).get("dark-mode").stale()).isTrue();
        }
    }

    @Test
    void callsInManyLanguagesAreFoundAndHostileTextIsReadAsText() throws Exception {
        GitFixture repo = GitFixture.init(dir.resolve("repo"));
        write(repo, "a.go", "if unleash.IsEnabled(\"go-flag\") {}\n");
        write(repo, "b.rb", "UNLEASH.is_enabled?('ruby-flag')\n");
        write(repo, "c.js", "const on = useFlag(`react-flag`); ld.boolVariation(\"ld-flag\", ctx, false);\n");
        write(repo, "d.kt", "isEnabledFor(\"not-a-call\") + myisEnabled(\"also-not\")\n");
        // A minified line a megabyte long: the place shows a few dozen characters around the name.
        write(repo, "e.min.js", "x=1;".repeat(250_000) + "c.isEnabled(\"min-flag\");" + "y=2;".repeat(250_000) + "\n");
        write(repo, "f with space.txt", "isEnabled(\"spaced-flag\")\n");
        // Pattern characters in a name are taken as they are written.
        write(repo, "g.java", "isEnabled(\"a.*(b\") + isEnabled(\"(((a+)+)+)+$\")\n");
        Files.write(
                repo.dir().resolve("h.bin"),
                new byte[] {0, 1, 2, 'i', 's', 'E', 'n', 'a', 'b', 'l', 'e', 'd', '(', '"', 'b', '"', ')'});
        repo.commit("chore: code");

        FlagReads reads = new FlagReads(GitRepository.open(repo.dir()), List.of());
        Map<String, List<CodePlace>> called = reads.calledBesides(List.of("ld-flag"));
        assertThat(called.keySet())
                .containsExactlyInAnyOrder(
                        "go-flag", "ruby-flag", "react-flag", "min-flag", "spaced-flag", "a.*(b", "(((a+)+)+)+$");
        CodePlace minified = called.get("min-flag").get(0);
        assertThat(minified.column()).isEqualTo(1_000_014);
        assertThat(minified.text())
                .startsWith("…")
                .endsWith("…")
                .contains("isEnabled(\"min-flag\")")
                .hasSizeLessThan(200);
        assertThat(called.get("spaced-flag").get(0).path()).isEqualTo("f with space.txt");

        Map<String, List<CodePlace>> named = reads.of(List.of("a.*(b", "(((a+)+)+)+$", "missing"));
        assertThat(named.get("a.*(b")).hasSize(1);
        assertThat(named.get("(((a+)+)+)+$")).hasSize(1);
        assertThat(named.get("missing")).isEmpty();
    }

    @Test
    void aRepositoryWithoutAnyFlagReadGivesNothing() throws Exception {
        GitFixture repo = GitFixture.init(dir.resolve("repo"));
        repo.commit("chore: start");
        FlagReads reads = new FlagReads(GitRepository.open(repo.dir()), List.of());
        assertThat(reads.calledBesides(List.of())).isEmpty();
        assertThat(reads.of(List.of("x-flag")).get("x-flag")).isEmpty();
        assertThat(reads.of(List.of())).isEmpty();
    }

    private static Map<String, FlagCleanup.Entry> byName(FlagCleanup cleanup) {
        Map<String, FlagCleanup.Entry> entries = new java.util.LinkedHashMap<>();
        for (FlagCleanup.Entry entry : cleanup.flags()) entries.put(entry.flag().name(), entry);
        return entries;
    }

    private static void run(RunLog log, String runId, String version, String env, Instant ended, Verdict verdict)
            throws Exception {
        String hash = log.append(
                        runId,
                        version,
                        env,
                        "Ana Lima",
                        ended.minus(Duration.ofHours(1)),
                        new RunEvent.Started(runId, env, version, null, "abc1234", "Ana Lima"),
                        "")
                .hash();
        log.append(runId, version, env, "gantry", ended, new RunEvent.Ended(verdict, "done", true), hash);
    }

    private static void write(GitFixture repo, String path, String text) throws Exception {
        Path file = repo.dir().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
