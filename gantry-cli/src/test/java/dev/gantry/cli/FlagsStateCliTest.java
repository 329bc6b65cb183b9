package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Time;
import dev.gantry.testing.GitFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry flags list, on, off, set, history and export against the state Gantry keeps in the repository's store. */
class FlagsStateCliTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

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
                  - { name: pay-kill, type: kill-switch, enabled: true }
                """);
        repo.commit("chore: plan");
    }

    @Test
    void aFlagTurnedOnAndOffIsListedWithWhoAndWhyAndItsHistory() throws Exception {
        Outcome on = gantry(
                T0, "flags", "on", "new-checkout", "--env", "staging", "--reason", "ready for QA", "--as", "Ana Lima");
        assertThat(on.exit()).as(on.err()).isZero();
        assertThat(on.err()).isEqualTo("new-checkout on in staging (2026-12-07T10:00:00Z by Ana Lima: ready for QA)\n");
        Outcome again =
                gantry(T0, "flags", "on", "new-checkout", "--env", "staging", "--reason", "again", "--as", "Ana Lima");
        assertThat(again.err()).isEqualTo("new-checkout is already on in staging; nothing recorded\n");
        gantry(
                T0.plusSeconds(60),
                "flags",
                "off",
                "new-checkout",
                "--env",
                "staging",
                "--reason",
                "INC-42",
                "--as",
                "Mark Liu");

        Outcome list = gantry(T0, "flags", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out())
                .isEqualTo(
                        """
                        FLAG          ENV         STATE  TYPE         OWNER     LAST CHANGE
                        new-checkout  staging     off    release      Ana Lima  turned off 2026-12-07T10:01:00Z by Mark Liu: INC-42
                        new-checkout  production  off    release      Ana Lima  as the plan declares it
                        pay-kill      staging     on     kill-switch  -         as the plan declares it
                        pay-kill      production  on     kill-switch  -         as the plan declares it
                        """);
        Outcome history = gantry(T0, "flags", "history", "new-checkout");
        assertThat(history.out())
                .isEqualTo(
                        """
                        staging: turned on 2026-12-07T10:00:00Z by Ana Lima: ready for QA
                        staging: turned off 2026-12-07T10:01:00Z by Mark Liu: INC-42
                        """);
    }

    @Test
    void settingsFromAFileAreExportedAndEvaluatedWithoutAStateFile() throws Exception {
        write(
                "rollout.json",
                """
                {"name": "new-checkout",
                 "strategies": [{"name": "flexibleRollout",
                   "parameters": {"rollout": "100", "stickiness": "userId", "groupId": "new-checkout"},
                   "constraints": [{"contextName": "country", "operator": "IN", "values": ["de"]}]}]}
                """);
        Outcome set = gantry(
                T0,
                "flags",
                "set",
                "new-checkout",
                "--env",
                "production",
                "--file",
                repo.dir().resolve("rollout.json").toString(),
                "--reason",
                "german users first",
                "--as",
                "Ana Lima");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.err()).contains("new-checkout in production configured: 1 strategy, 0 variants, 0 dependencies");
        gantry(T0, "flags", "on", "new-checkout", "--env", "production", "--reason", "go", "--as", "Ana Lima");

        Outcome export = gantry(T0, "flags", "export", "--env", "production");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out())
                .startsWith("{\"version\":2,\"features\":[{\"name\":\"new-checkout\",\"type\":\"release\","
                        + "\"enabled\":true,\"strategies\":[{\"name\":\"flexibleRollout\"")
                .endsWith("\"segments\":[],\"query\":{\"environment\":\"production\"}}\n");

        Outcome german = gantry(
                T0,
                "flags",
                "evaluate",
                "new-checkout",
                "--env",
                "production",
                "--context",
                "{\"userId\":\"42\",\"properties\":{\"country\":\"de\"}}");
        assertThat(german.exit()).as(german.err()).isZero();
        assertThat(german.out()).startsWith("new-checkout: on\n");
        Outcome staging = gantry(
                T0,
                "flags",
                "evaluate",
                "new-checkout",
                "--env",
                "staging",
                "--context",
                "{\"userId\":\"42\",\"properties\":{\"country\":\"de\"}}");
        assertThat(staging.out()).startsWith("new-checkout: off\n");
        Outcome noEnv = gantry(T0, "flags", "evaluate", "new-checkout");
        assertThat(noEnv.exit()).isEqualTo(2);
        assertThat(noEnv.err()).contains("--env ENV");
    }

    @Test
    void badInputSaysWhereAndChangesNothing() throws Exception {
        write("bad.json", "{\"name\": \"new-checkout\",\n \"strategies\": [{\"name\": 5}]}");
        Outcome bad = gantry(
                T0,
                "flags",
                "set",
                "new-checkout",
                "--env",
                "production",
                "--file",
                repo.dir().resolve("bad.json").toString(),
                "--reason",
                "x",
                "--as",
                "Ana");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err())
                .startsWith("gantry: " + repo.dir().resolve("bad.json") + ":2:26: strategies[0].name: expected a"
                        + " string, got 5");
        Outcome unknown =
                gantry(T0, "flags", "off", "new-checkot", "--env", "production", "--reason", "x", "--as", "Ana");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err())
                .startsWith("gantry: flag \"new-checkot\" is not declared in the plan; did you mean \"new-checkout\"?"
                        + " the plan declares: new-checkout, pay-kill");
        Outcome env = gantry(T0, "flags", "on", "new-checkout", "--env", "prod", "--reason", "x", "--as", "Ana");
        assertThat(env.err()).startsWith("gantry: unknown environment \"prod\"; the plan has: staging, production");
        Outcome noReason = gantry(T0, "flags", "on", "new-checkout", "--env", "production", "--as", "Ana");
        assertThat(noReason.exit()).isEqualTo(2);
        Outcome history = gantry(T0, "flags", "history", "new-checkout");
        assertThat(history.out()).isEmpty();
        assertThat(history.err()).contains("was never changed");
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
