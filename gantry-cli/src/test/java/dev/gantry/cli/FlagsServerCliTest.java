package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.rollout.Time;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gantry flags list, on, off, set, history and export with --server print and exit as they do on the repository's
 * own store: the same changes made here and on a real server on loopback read the same.
 */
class FlagsServerCliTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private GitFixture repo;
    private GantryServer server;
    private Time.Virtual serverTime;
    private ServerClient admin;
    private Path ana;

    @BeforeEach
    void start() throws Exception {
        repo = GitFixture.init(dir.resolve("shop"));
        Files.writeString(
                repo.dir().resolve("gantry.yaml"),
                """
                environments:
                  - name: staging
                  - name: production
                flags:
                  - { name: new-checkout, type: release, owner: Ana Lima, release: 1.4.0 }
                  - { name: pay-kill, type: kill-switch, enabled: true }
                """);
        repo.git("add", "gantry.yaml");
        repo.commit("chore: plan");
        serverTime = Time.virtual(T0);
        Path data = dir.resolve("data");
        server = GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", repo.dir().toString()))),
                serverTime,
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        admin = ServerClient.of(
                url(), Files.readString(data.resolve("admin.token")).strip());
        ana = token("Ana Lima", "operate");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSameChangesHereAndOnTheServerReadTheSame() throws Exception {
        Path rollout = Files.writeString(
                dir.resolve("rollout.json"),
                """
                {"name": "new-checkout",
                 "strategies": [{"name": "flexibleRollout",
                   "parameters": {"rollout": "25", "stickiness": "userId", "groupId": "new-checkout"}}]}
                """);
        List<String[]> changes = List.of(
                new String[] {"flags", "on", "new-checkout", "--env", "staging", "--reason", "ready for QA"},
                new String[] {"flags", "on", "new-checkout", "--env", "staging", "--reason", "again"},
                new String[] {"flags", "off", "pay-kill", "--env", "production", "--reason", "INC-42"},
                new String[] {
                    "flags",
                    "set",
                    "new-checkout",
                    "--env",
                    "production",
                    "--file",
                    rollout.toString(),
                    "--reason",
                    "25%"
                });
        Instant now = T0;
        for (String[] change : changes) {
            Outcome here = local(now, concat(change, "--as", "Ana Lima"));
            Outcome there = remote(ana, change);
            assertThat(here.exit()).as(here.err()).isZero();
            assertThat(there).as(String.join(" ", change)).isEqualTo(here);
            now = now.plus(Duration.ofMinutes(1));
            serverTime.advance(Duration.ofMinutes(1));
        }
        for (String[] read : List.of(
                new String[] {"flags", "list"},
                new String[] {"flags", "list", "--env", "production"},
                new String[] {"flags", "history", "new-checkout"},
                new String[] {"flags", "history", "pay-kill", "--env", "staging"},
                new String[] {"flags", "export", "--env", "production"})) {
            Outcome here = local(T0, read);
            assertThat(here.exit()).as(here.err()).isZero();
            assertThat(remote(ana, read)).as(String.join(" ", read)).isEqualTo(here);
        }
        assertThat(remote(ana, "flags", "list").out())
                .contains("new-checkout  staging     on     release      Ana Lima  turned on 2026-12-07T10:00:00Z by"
                        + " Ana Lima: ready for QA");

        JsonNode here = JSON.readTree(local(T0, "flags", "list", "--json").out());
        JsonNode there = JSON.readTree(remote(ana, "flags", "list", "--json").out());
        assertThat(withoutSequences(there)).isEqualTo(withoutSequences(here));
        assertThat(there).hasSize(4);
        JsonNode production = there.get(2);
        assertThat(production.path("name").asText()).isEqualTo("new-checkout");
        assertThat(production.path("environment").asText()).isEqualTo("production");
        assertThat(production
                        .path("strategies")
                        .get(0)
                        .path("parameters")
                        .path("rollout")
                        .asText())
                .isEqualTo("25");
        assertThat(production.path("last").path("actor").asText()).isEqualTo("Ana Lima");

        assertThat(admin.audit())
                .filteredOn(e -> e.action() == AuditAction.FLAG_SWITCHED || e.action() == AuditAction.FLAG_CONFIGURED)
                .extracting(e -> e.actor() + ": " + e.subject())
                .containsExactly(
                        "Ana Lima: flag new-checkout turned on in staging: ready for QA",
                        "Ana Lima: flag pay-kill turned off in production: INC-42",
                        "Ana Lima: flag new-checkout configured in production (1 strategy, 0 variants, 0 dependencies):"
                                + " 25%");
    }

    @Test
    void refusalsAreUsageErrorsWithTheSameWordsAndAReaderCannotChangeAFlag() throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.json"), "{\"name\": \"new-checkout\",\n \"strategies\": [{\"name\": 5}]}");
        Path self = Files.writeString(
                dir.resolve("self.json"),
                "{\"name\":\"new-checkout\",\"dependencies\":[{\"feature\":\"new-checkout\"}]}");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"name\":\"pay-kill\"}");
        for (String[] refused : List.of(
                new String[] {"flags", "off", "new-checkot", "--env", "production", "--reason", "x"},
                new String[] {"flags", "on", "new-checkout", "--env", "prod", "--reason", "x"},
                new String[] {"flags", "history", "nope"},
                new String[] {"flags", "export", "--env", "prod"},
                new String[] {
                    "flags", "set", "new-checkout", "--env", "staging", "--file", bad.toString(), "--reason", "x"
                },
                new String[] {
                    "flags", "set", "new-checkout", "--env", "staging", "--file", self.toString(), "--reason", "x"
                },
                new String[] {
                    "flags", "set", "new-checkout", "--env", "staging", "--file", other.toString(), "--reason", "x"
                },
                new String[] {"flags", "on", "new-checkout", "--env", "staging", "--reason", "a\u202Eb"},
                new String[] {"flags", "on", "new-checkout", "--env", "staging", "--reason", "R".repeat(501)})) {
            boolean change = refused[1].equals("on") || refused[1].equals("off") || refused[1].equals("set");
            Outcome here = local(T0, change ? concat(refused, "--as", "Ana Lima") : refused);
            assertThat(here.exit()).as(here.err()).isEqualTo(2);
            assertThat(remote(ana, refused)).as(String.join(" ", refused)).isEqualTo(here);
        }
        assertThat(remote(
                                ana,
                                "flags",
                                "set",
                                "new-checkout",
                                "--env",
                                "staging",
                                "--file",
                                self.toString(),
                                "--reason",
                                "x")
                        .err())
                .startsWith("gantry: " + self + ": dependencies[0].feature: a flag cannot depend on itself\n");
        Outcome list = remote(ana, "flags", "list", "--env", "prod");
        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err()).startsWith("gantry: unknown environment \"prod\"; the plan has: staging, production");

        Outcome posing = remote(ana, "flags", "on", "new-checkout", "--env", "staging", "--reason", "x", "--as", "Bo");
        assertThat(posing.exit()).isEqualTo(2);
        assertThat(posing.err()).startsWith("gantry: --as cannot be used with a server");
        Outcome reader =
                remote(token("Casey Reed", "read"), "flags", "on", "new-checkout", "--env", "staging", "--reason", "x");
        assertThat(reader.exit()).isEqualTo(2);
        assertThat(reader.err()).isEqualTo("gantry: this needs the operate scope; the token of Casey Reed has: read\n");
        Outcome noServer =
                gantry(T0, "flags", "list", "--server", "http://127.0.0.1:1", "--token-file", ana.toString());
        assertThat(noServer.exit()).isEqualTo(2);
        assertThat(noServer.err()).startsWith("gantry: cannot reach the server at http://127.0.0.1:1/");
        assertThat(admin.flagHistory("shop", "new-checkout", java.util.Optional.empty()))
                .isEmpty();
    }

    @Test
    void aSettingsFileThatIsADeviceOrAFifoIsRefusedUnopenedHereAndWithAServer() throws Exception {
        Path fifo = dir.resolve("settings.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Map<String, String> refusals = Map.of(
                "/dev/zero",
                "gantry: /dev/zero is a character device, expected a JSON file; refused without opening it\n",
                fifo.toString(),
                "gantry: " + fifo + " is a FIFO (named pipe), expected a JSON file; refused without opening it\n");
        for (var file : refusals.entrySet()) {
            String[] set = {"flags", "set", "new-checkout", "--env", "staging", "--file", file.getKey(), "--reason", "x"
            };
            Outcome here = local(T0, concat(set, "--as", "Ana Lima"));
            assertThat(here.exit()).isEqualTo(2);
            assertThat(here.err()).startsWith(file.getValue());
            assertThat(remote(ana, set)).isEqualTo(here);
        }
        assertThat(admin.flagHistory("shop", "new-checkout", java.util.Optional.empty()))
                .isEmpty();
    }

    @Test
    void gantryServerInTheEnvironmentSendsTheCommandToTheServer() throws Exception {
        assertThat(remote(ana, "flags", "on", "new-checkout", "--env", "staging", "--reason", "go")
                        .exit())
                .isZero();
        GantryProcess.Result listed = GantryProcess.runWith(
                repo.dir(), Map.of("GANTRY_SERVER", url(), "GANTRY_TOKEN_FILE", ana.toString()), "flags", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out())
                .contains(
                        "new-checkout  staging     on     release      Ana Lima  turned on 2026-12-07T10:00:00Z by Ana Lima: go");
        assertThat(local(T0, "flags", "list").out())
                .as("the repository's own store was not changed")
                .contains("new-checkout  staging     off");
    }

    @Test
    void evaluateAsksTheServerNamedAndAStateFileStillComesFirst() throws Exception {
        assertThat(remote(ana, "flags", "off", "pay-kill", "--env", "staging", "--reason", "incident")
                        .exit())
                .isZero();
        String[] evaluate = {"flags", "evaluate", "pay-kill", "--env", "staging"};
        assertThat(local(T0, evaluate).out()).as("the repository's own records").startsWith("pay-kill: on\n");
        Outcome served = remote(ana, evaluate);
        assertThat(served.exit()).as(served.err()).isZero();
        assertThat(served.out()).startsWith("pay-kill: off\n");

        Path exported = Files.writeString(
                dir.resolve("staging.json"),
                remote(ana, "flags", "export", "--env", "staging").out());
        assertThat(remote(ana, concat(evaluate, "--context", "{\"userId\":\"7\"}", "--json")))
                .isEqualTo(local(
                        T0,
                        "flags",
                        "evaluate",
                        "pay-kill",
                        "--state",
                        exported.toString(),
                        "--context",
                        "{\"userId\":\"7\",\"environment\":\"staging\"}",
                        "--json"));
        Path on = Files.writeString(
                dir.resolve("on.json"),
                "{\"version\":2,\"features\":[{\"name\":\"pay-kill\",\"enabled\":true}],\"segments\":[]}");
        assertThat(remote(ana, "flags", "evaluate", "pay-kill", "--state", on.toString())
                        .out())
                .as("--state is read here, whatever server is named")
                .startsWith("pay-kill: on\n");
        Outcome unknown = remote(ana, "flags", "evaluate", "pay-kill", "--env", "prod");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("gantry: unknown environment \"prod\"; the plan has: staging, production");

        GantryProcess.Result fromEnvironment = GantryProcess.runWith(
                repo.dir(),
                Map.of(
                        "GANTRY_SERVER",
                        url(),
                        "GANTRY_TOKEN",
                        Files.readString(ana).strip()),
                evaluate);
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.err()).isZero();
        assertThat(fromEnvironment.out()).startsWith("pay-kill: off\n");
    }

    private static JsonNode withoutSequences(JsonNode flags) {
        JsonNode copy = flags.deepCopy();
        for (JsonNode flag : copy) {
            if (flag.path("last").isObject()) ((ObjectNode) flag.path("last")).remove("sequence");
        }
        return copy;
    }

    private record Outcome(int exit, String out, String err) {}

    private Outcome local(Instant now, String... args) {
        return gantry(now, concat(args, "--repo", repo.dir().toString()));
    }

    private Outcome remote(Path token, String... args) {
        return gantry(T0, concat(args, "--server", url(), "--token-file", token.toString()));
    }

    private Outcome gantry(Instant now, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(
                args, Time.system(), Clock.fixed(now, ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err));
        return new Outcome(exit, out.toString(), err.toString());
    }

    private static String[] concat(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private Path token(String person, String scope) throws Exception {
        String text = admin.issue(new TokenRequest(person, List.of(scope), 30)).text();
        return Files.writeString(dir.resolve(person.replace(' ', '-') + ".token"), text);
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }
}
