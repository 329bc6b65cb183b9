package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.H2Store;
import dev.gantry.testing.GitFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagsStaleCliTest {

    private static final Instant SHIPPED = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    private GitFixture repo;

    @BeforeEach
    void repository() throws Exception {
        repo = GitFixture.init(dir.resolve("repo"));
        write(
                "gantry.yaml",
                """
                environments:
                  - name: staging
                  - name: production
                flags:
                  - { name: new-checkout, type: release, owner: Ana Lima, release: 1.4.0 }
                  - { name: pay-kill, type: kill-switch }
                """);
        write("src/Checkout.java", "boolean on = unleash.isEnabled(\"new-checkout\");\n");
        repo.commit("chore: code");
        try (H2Store store = H2Store.open(repo.dir().resolve(Workspace.STATE))) {
            RunLog log = new RunLog(store);
            String hash = log.append(
                            "run-1",
                            "1.4.0",
                            "production",
                            "Ana Lima",
                            SHIPPED.minusSeconds(600),
                            new RunEvent.Started("run-1", "production", "1.4.0", null, "abc1234", "Ana Lima"),
                            "")
                    .hash();
            log.append(
                    "run-1",
                    "1.4.0",
                    "production",
                    "gantry",
                    SHIPPED,
                    new RunEvent.Ended(Verdict.RELEASED, "all steps passed", true),
                    hash);
        }
    }

    @Test
    void listsTheFlagPastItsLifetimeWithTheLinesThatReadItAndExitsEight() throws Exception {
        Outcome stale = gantry(SHIPPED.plus(Duration.ofDays(20)), "flags", "stale");
        assertThat(stale.exit()).as(stale.err()).isEqualTo(8);
        assertThat(stale.out())
                .isEqualTo(
                        """
                        Flags in production on 2026-11-22:
                          STALE new-checkout (release, owner Ana Lima): 1.4.0 reached 100% on 2026-11-02; \
                        was to be removed by 2026-11-16, 6 days ago
                              src/Checkout.java:1:33  boolean on = unleash.isEnabled("new-checkout");
                        """);

        Outcome early = gantry(SHIPPED.plus(Duration.ofDays(3)), "flags", "stale", "--all");
        assertThat(early.exit()).isEqualTo(0);
        assertThat(early.out())
                .contains(
                        "new-checkout (release, owner Ana Lima): 1.4.0 reached 100% on 2026-11-02; remove by 2026-11-16")
                .contains("pay-kill (kill-switch): kept for good");

        Outcome staging = gantry(SHIPPED.plus(Duration.ofDays(20)), "flags", "stale", "--env", "staging", "--all");
        assertThat(staging.exit()).isEqualTo(0);
        assertThat(staging.out()).contains("1.4.0 has not reached 100% here yet; remove 14d after it does");
    }

    @Test
    void jsonGivesEachFlagAndTheFlagsReadButDefinedNowhere() throws Exception {
        write("web/app.ts", "const legacy = client.getBooleanValue(\"legacy-banner\", false);\n");
        Outcome json = gantry(SHIPPED.plus(Duration.ofDays(1)), "flags", "stale", "--json");
        assertThat(json.exit()).isEqualTo(8);
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("environment").asText()).isEqualTo("production");
        assertThat(root.get("flags").get(0).get("lifetime").asText()).isEqualTo("counting");
        assertThat(root.get("flags").get(0).get("removeBy").asText()).isEqualTo("2026-11-16T10:00:00Z");
        assertThat(root.get("flags").get(0).get("stale").asBoolean()).isFalse();
        assertThat(root.get("flags").get(1).get("type").asText()).isEqualTo("kill-switch");
        JsonNode undefined = root.get("undefined").get(0);
        assertThat(undefined.get("name").asText()).isEqualTo("legacy-banner");
        assertThat(undefined.get("places").get(0).get("path").asText()).isEqualTo("web/app.ts");
        assertThat(undefined.get("places").get(0).get("line").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownEnvironmentOrAFlagOfNoKnownTypeIsAClearError() throws Exception {
        Outcome env = gantry(SHIPPED, "flags", "stale", "--env", "prod");
        assertThat(env.exit()).isEqualTo(2);
        assertThat(env.err()).contains("unknown environment \"prod\"; the plan has: staging, production");

        write(
                "gantry.yaml",
                """
                environments: [{ name: production }]
                flags:
                  - { name: x, type: temporary, removeAfter: soon }
                """);
        Outcome plan = gantry(SHIPPED, "flags", "stale");
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.err())
                .contains("gantry.yaml:3:")
                .contains("release, operational, permission, experiment, kill-switch")
                .contains("a duration like 90s");
    }

    private record Outcome(int exit, String out, String err) {}

    private Outcome gantry(Instant now, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--repo";
        all[args.length + 1] = repo.dir().toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(
                all, Time.system(), Clock.fixed(now, ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err));
        return new Outcome(exit, out.toString(), err.toString());
    }

    private void write(String path, String text) throws Exception {
        Path file = repo.dir().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
