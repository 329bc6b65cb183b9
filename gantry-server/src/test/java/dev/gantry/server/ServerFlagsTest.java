package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.flags.FlagChange;
import dev.gantry.flags.FlagStates;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.server.api.FlagChangeView;
import dev.gantry.server.api.FlagChanged;
import dev.gantry.server.api.FlagSettingsRequest;
import dev.gantry.server.api.FlagSwitchRequest;
import dev.gantry.server.api.FlagView;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.H2Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flag API over real HTTP: flags read per environment, turned and configured as the caller's own person, each
 * change audited with who and why, and bad requests refused with the place and nothing changed.
 */
class ServerFlagsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private FlagServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new FlagServerFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anOperatorTurnsAFlagAsTheirOwnPersonAndTheAuditLogSaysWhoAndWhy() throws Exception {
        ServerClient ana = fixture.client("Ana Lima", "operate");
        List<FlagView> before = ana.flags("shop", Optional.of("staging"));
        assertThat(before).extracting(FlagView::name).containsExactly("new-checkout", "pay-kill");
        FlagView declared = before.get(0);
        assertThat(declared.on()).isFalse();
        assertThat(declared.type()).isEqualTo("release");
        assertThat(declared.owner()).hasValue("Ana Lima");
        assertThat(declared.release()).hasValue("1.4.0");
        assertThat(declared.description()).hasValue(FlagServerFixture.DESCRIPTION);
        assertThat(declared.last()).isEmpty();
        assertThat(before.get(1).on()).as("pay-kill is declared enabled").isTrue();

        fixture.time.advance(Duration.ofMinutes(5));
        // The person is the caller's: a field saying otherwise is not read.
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(fixture.url() + "/api/projects/shop/flags/new-checkout/switch"))
                                .header("Authorization", "Bearer " + fixture.token("Ana Lima", "operate"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"environment\":\"staging\",\"on\":true,\"reason\":\"ready for QA\","
                                                + "\"actor\":\"Mallory\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        FlagChanged turned = dev.gantry.server.api.ApiJson.mapper().readValue(answer.body(), FlagChanged.class);
        assertThat(turned.change()).hasValueSatisfying(c -> {
            assertThat(c.actor()).isEqualTo("Ana Lima");
            assertThat(c.reason()).isEqualTo("ready for QA");
            assertThat(c.at()).isEqualTo(FlagServerFixture.T0.plus(Duration.ofMinutes(5)));
            assertThat(c.change()).isEqualTo(FlagChangeView.Kind.SWITCHED);
            assertThat(c.typed()).isEqualTo(new FlagChange.Switched(true));
        });
        assertThat(turned.flag().on()).isTrue();

        FlagChanged again = ana.switchFlag("shop", "new-checkout", new FlagSwitchRequest("staging", true, "once more"));
        assertThat(again.change()).as("already on: nothing recorded").isEmpty();
        ana.switchFlag("shop", "new-checkout", new FlagSwitchRequest("staging", false, "INC-42"));

        FlagView staging = ana.flags("shop", Optional.of("staging")).get(0);
        assertThat(staging.on()).isFalse();
        assertThat(staging.last())
                .hasValueSatisfying(l -> assertThat(l.reason()).isEqualTo("INC-42"));
        assertThat(ana.flags("shop", Optional.of("production")).get(0).on())
                .as("production is another environment")
                .isFalse();
        assertThat(ana.flags("shop", Optional.empty()))
                .extracting(f -> f.environment() + " " + f.name() + " " + f.on())
                .containsExactly(
                        "staging new-checkout false",
                        "staging pay-kill true",
                        "production new-checkout false",
                        "production pay-kill true");
        assertThat(ana.flagHistory("shop", "new-checkout", Optional.empty()))
                .extracting(c -> c.environment() + ": " + c.typed() + " by " + c.actor() + ": " + c.reason())
                .containsExactly(
                        "staging: Switched[on=true] by Ana Lima: ready for QA",
                        "staging: Switched[on=false] by Ana Lima: INC-42");
        assertThat(ana.flagHistory("shop", "new-checkout", Optional.of("production")))
                .isEmpty();

        assertThat(flagEntries())
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::project, AuditEntry::subject)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Ana Lima",
                                AuditAction.FLAG_SWITCHED,
                                "shop",
                                "flag new-checkout turned on in staging: ready for QA"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Ana Lima",
                                AuditAction.FLAG_SWITCHED,
                                "shop",
                                "flag new-checkout turned off in staging: INC-42"));
        assertThat(fixture.admin.verifyAudit()).isEmpty();
    }

    @Test
    void settingsAreTakenInUnleashsShapeExportedAndAudited() throws Exception {
        ServerClient ana = fixture.client("Ana Lima", "operate");
        JsonNode settings = JSON.readTree(
                """
                {"features": [{"name": "new-checkout", "enabled": false,
                   "strategies": [{"name": "flexibleRollout",
                     "parameters": {"rollout": "25", "stickiness": "userId", "groupId": "new-checkout"},
                     "segments": [7]}],
                   "dependencies": [{"feature": "pay-kill"}]}],
                 "segments": [{"id": 7, "constraints": [{"contextName": "country", "operator": "IN",
                   "values": ["de"]}]}]}
                """);
        FlagChanged set = ana.configureFlag(
                "shop", "new-checkout", new FlagSettingsRequest("production", "german users first", settings));
        assertThat(set.change()).hasValueSatisfying(c -> {
            assertThat(c.change()).isEqualTo(FlagChangeView.Kind.CONFIGURED);
            assertThat(((FlagChange.Configured) c.typed()).segments()).hasSize(1);
            // The snapshot is what was configured: whether the flag is on is no part of it.
            assertThat(c.settings().orElseThrow().path("features").get(0).has("enabled"))
                    .isFalse();
        });
        FlagView flag = set.flag();
        assertThat(flag.on()).as("on or off stays as it is").isFalse();
        assertThat(flag.strategies().get(0).path("name").asText()).isEqualTo("flexibleRollout");
        assertThat(flag.strategies().get(0).path("parameters").path("rollout").asText())
                .isEqualTo("25");
        assertThat(flag.dependencies().get(0).path("feature").asText()).isEqualTo("pay-kill");
        assertThat(flag.segments().get(0).path("id").asInt()).isEqualTo(7);

        JsonNode exported = JSON.readTree(ana.exportFlags("shop", "production"));
        assertThat(exported.path("version").asInt()).isEqualTo(2);
        assertThat(exported.path("query").path("environment").asText()).isEqualTo("production");
        assertThat(exported.path("features").get(0).path("strategies").get(0).path("segments"))
                .containsExactly(JSON.readTree("7"));
        assertThat(exported.path("segments").get(0).path("id").asInt()).isEqualTo(7);

        assertThat(flagEntries()).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("Ana Lima");
            assertThat(e.action()).isEqualTo(AuditAction.FLAG_CONFIGURED);
            assertThat(e.subject())
                    .isEqualTo("flag new-checkout configured in production (1 strategy, 0 variants, 1 dependency):"
                            + " german users first");
        });
    }

    @Test
    void badRequestsAreRefusedWithThePlaceAndChangeNothing() throws Exception {
        ServerClient ana = fixture.client("Ana Lima", "operate");
        assertThatThrownBy(() -> ana.switchFlag("shop", "new-checkot", new FlagSwitchRequest("staging", true, "go")))
                .hasMessage("flag \"new-checkot\" is not declared in the plan; did you mean \"new-checkout\"? the"
                        + " plan declares: new-checkout, pay-kill")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);
        assertThatThrownBy(() -> ana.switchFlag("shop", "new-checkout", new FlagSwitchRequest("prod", true, "go")))
                .hasMessage("unknown environment \"prod\"; the plan has: staging, production")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);
        assertThatThrownBy(() -> ana.flags("shop", Optional.of("prod")))
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);
        assertThatThrownBy(() -> ana.flagHistory("shop", "nope", Optional.empty()))
                .hasMessageStartingWith("flag \"nope\" is not declared in the plan")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);
        for (String reason : new String[] {null, " "}) {
            assertThatThrownBy(() ->
                            ana.switchFlag("shop", "new-checkout", new FlagSwitchRequest("staging", true, reason)))
                    .hasMessage("reason cannot be empty")
                    .extracting(e -> ((ServerCallException) e).status())
                    .isEqualTo(422);
        }
        assertThatThrownBy(() -> ana.switchFlag("shop", "new-checkout", new FlagSwitchRequest("staging", null, "x")))
                .hasMessage("the request needs on: true or false")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(400);
        assertThatThrownBy(() -> ana.switchFlag("shop", "new-checkout", new FlagSwitchRequest(null, true, "x")))
                .hasMessage("the request needs environment");
        assertThatThrownBy(() -> ana.configureFlag(
                        "shop",
                        "new-checkout",
                        new FlagSettingsRequest(
                                "staging",
                                "x",
                                JSON.readTree("{\"name\":\"new-checkout\",\"strategies\":[{\"name\":5}]}"))))
                .hasMessage("settings:1:46: strategies[0].name: expected a string, got 5")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(422);
        assertThatThrownBy(() -> ana.configureFlag(
                        "shop",
                        "new-checkout",
                        new FlagSettingsRequest("staging", "x", JSON.readTree("{\"name\":\"pay-kill\"}"))))
                .hasMessage("settings: name: the file configures \"pay-kill\", not \"new-checkout\"");
        assertThatThrownBy(
                        () -> ana.configureFlag("shop", "new-checkout", new FlagSettingsRequest("staging", "x", null)))
                .hasMessageStartingWith("the request needs settings")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(400);
        assertThatThrownBy(() -> ana.exportFlags("shop", "prod"))
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);

        assertThat(ana.flagHistory("shop", "new-checkout", Optional.empty())).isEmpty();
        assertThat(flagEntries()).isEmpty();
    }

    @Test
    void aReasonTheCoreRefusesIs422WithItsWordsAndChangesNothingNorTheAuditLog() throws Exception {
        ServerClient ana = fixture.client("Ana Lima", "operate");
        String rule = "reason takes one line of text without control, bidi or invisible formatting characters; ";
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("A".repeat(1000), "reason takes at most 500 characters, got 1000");
        refused.put(
                "ok\nproduction: turned on 2026-12-07T10:00:00Z by Mark Liu",
                rule + "found U+000A LINE FEED (LF) at character 3");
        refused.put("approved by CTO \u202Eevil", rule + "found U+202E RIGHT-TO-LEFT OVERRIDE at character 17");
        refused.put("red\u001b[31m", rule + "found U+001B ESCAPE at character 4");
        refused.put("\u200B", "reason cannot be empty");
        refused.put("\u00A0\u3000", "reason cannot be empty");
        JsonNode settings = JSON.readTree("{\"name\":\"pay-kill\",\"strategies\":[{\"name\":\"default\"}]}");
        for (var reason : refused.entrySet()) {
            assertThatThrownBy(() -> ana.switchFlag(
                            "shop", "new-checkout", new FlagSwitchRequest("staging", true, reason.getKey())))
                    .hasMessage(reason.getValue())
                    .extracting(e -> ((ServerCallException) e).status())
                    .isEqualTo(422);
            assertThatThrownBy(() -> ana.configureFlag(
                            "shop", "pay-kill", new FlagSettingsRequest("staging", reason.getKey(), settings)))
                    .hasMessage(reason.getValue())
                    .extracting(e -> ((ServerCallException) e).status())
                    .isEqualTo(422);
        }
        assertThat(ana.flags("shop", Optional.of("staging")))
                .allSatisfy(f -> assertThat(f.last()).isEmpty());
        assertThat(ana.flagHistory("shop", "new-checkout", Optional.empty())).isEmpty();
        assertThat(ana.flagHistory("shop", "pay-kill", Optional.empty())).isEmpty();
        assertThat(flagEntries()).isEmpty();
        assertThat(fixture.admin.verifyAudit()).isEmpty();
    }

    @Test
    void theLongestNamesAndReasonTheCoreTakesFitTheAuditLog() throws Exception {
        String flag = "f".repeat(dev.gantry.plan.Flag.NAME_MAX);
        // The plan takes an environment name of at most one DNS label (the store would keep up to 200 characters).
        String environment = "e".repeat(dev.gantry.plan.Environment.MAX_NAME);
        var repo = dev.gantry.testing.GitFixture.init(dir.resolve("long"));
        java.nio.file.Files.writeString(
                repo.dir().resolve("gantry.yaml"),
                "environments:\n  - { name: " + environment + " }\nflags:\n  - { name: " + flag + " }\n");
        repo.git("add", "gantry.yaml");
        repo.commit("chore: plan");
        String reason = "R".repeat(dev.gantry.text.PersonText.MAX);
        StringBuilder strategies = new StringBuilder();
        for (int i = 0; i < 1000; i++) strategies.append(i == 0 ? "" : ",").append("{\"name\":\"default\"}");
        String settings = "{\"name\":\"" + flag + "\",\"strategies\":[" + strategies + "]}";
        ServerLog log = new ServerLog(new PrintStream(new ByteArrayOutputStream()), fixture.time.clock());
        try (ServerDatabase database =
                        ServerDatabase.embedded(dir.resolve("long-data").resolve("server"));
                ProjectHome home = ProjectHome.open(
                        new Project("long", repo.dir().toString()),
                        dir.resolve("long-data"),
                        (project, folder) -> H2Store.open(folder.resolve("state")),
                        log)) {
            AuditLog audit = new AuditLog(database.dataSource(), Optional.empty());
            ServerFlags flags = new ServerFlags(audit, new FlagAudits(audit, log), fixture.time.clock(), project -> {});
            flags.turn(home, environment, flag, true, "Ana Lima", reason);
            flags.configure(home, environment, flag, settings, "f.json", "Ana Lima", reason);
            assertThat(audit.entries())
                    .extracting(AuditEntry::subject)
                    .containsExactly(
                            "flag " + flag + " turned on in " + environment + ": " + reason,
                            "flag " + flag + " configured in " + environment
                                    + " (1000 strategies, 0 variants, 0 dependencies): " + reason);
            assertThat(audit.verify()).isEmpty();
        }
    }

    @Test
    void aReaderMayReadButNotChangeAndNobodyWithoutATokenMayDoEither() throws Exception {
        ServerClient casey = fixture.client("Casey Reed", "read");
        assertThat(casey.flags("shop", Optional.of("staging"))).hasSize(2);
        assertThatThrownBy(() -> casey.switchFlag("shop", "new-checkout", new FlagSwitchRequest("staging", true, "go")))
                .hasMessage("this needs the operate scope; the token of Casey Reed has: read")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> casey.configureFlag(
                        "shop",
                        "new-checkout",
                        new FlagSettingsRequest("staging", "go", JSON.readTree("{\"name\":\"new-checkout\"}"))))
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(403);
        ServerClient nobody = ServerClient.of(fixture.url(), null);
        assertThatThrownBy(() -> nobody.flags("shop", Optional.empty()))
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(401);
        assertThatThrownBy(
                        () -> nobody.switchFlag("shop", "new-checkout", new FlagSwitchRequest("staging", true, "go")))
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(401);
        assertThat(fixture.admin.flags("shop", Optional.of("staging")).get(0).on())
                .isFalse();
        assertThat(flagEntries()).isEmpty();
    }

    @Test
    void whoeverFollowsAProjectsFlagsIsToldOfEachChangeRecordedAndOfNoOther() throws Exception {
        fixture.close();
        Path data = dir.resolve("data");
        List<String> told = new ArrayList<>();
        ServerLog log = new ServerLog(new PrintStream(new ByteArrayOutputStream()), fixture.time.clock());
        try (ServerDatabase database = ServerDatabase.embedded(data.resolve("server"));
                ProjectHome home = ProjectHome.open(
                        new Project("shop", dir.resolve("shop").toString()),
                        data,
                        (project, folder) -> H2Store.open(folder.resolve("state")),
                        log)) {
            AuditLog audit = new AuditLog(database.dataSource(), Optional.empty());
            ServerFlags flags = new ServerFlags(audit, new FlagAudits(audit, log), fixture.time.clock(), told::add);
            flags.turn(home, "staging", "new-checkout", true, "Ana Lima", "go");
            flags.turn(home, "staging", "new-checkout", true, "Ana Lima", "again");
            assertThatThrownBy(() -> flags.turn(home, "staging", "new-checkout", false, "Ana Lima", ""))
                    .isInstanceOf(dev.gantry.flags.FlagRefused.class);
            flags.configure(home, "staging", "new-checkout", "{\"name\":\"new-checkout\"}", "f.json", "Ana", "go");
            assertThat(told).containsExactly("shop", "shop");
        }
    }

    @Test
    void aChangeStoredByAServerKilledBeforeItsAuditEntryIsAuditedOnceByTheNextServer() throws Exception {
        fixture.client("Ana Lima", "operate")
                .switchFlag("shop", "new-checkout", new FlagSwitchRequest("staging", true, "launch"));
        fixture.close();
        // Killed between the two writes: the change is in the project's records, its audit entry is not.
        Plan plan = PlanFile.load(dir.resolve("shop").resolve(PlanFile.NAME), true, PlugIns.registries());
        try (H2Store store = H2Store.open(fixture.data.resolve("projects/shop/state"))) {
            new FlagStates(store)
                    .turn(plan, "staging", "pay-kill", false, "Ana Lima", "INC-9: stop payments", FlagServerFixture.T0);
        }

        for (int start = 0; start < 2; start++) {
            try (GantryServer again = GantryServer.start(
                    new ServerConfig(
                            fixture.data,
                            "127.0.0.1",
                            0,
                            List.of(new Project("shop", dir.resolve("shop").toString()))),
                    fixture.time,
                    new ServerLog(new PrintStream(new ByteArrayOutputStream()), fixture.time.clock()))) {
                List<AuditEntry> entries = ServerClient.of(
                                "http://127.0.0.1:" + again.port(),
                                java.nio.file.Files.readString(fixture.data.resolve(GantryServer.ADMIN_TOKEN_FILE))
                                        .strip())
                        .audit()
                        .stream()
                        .filter(e -> e.action() == AuditAction.FLAG_SWITCHED)
                        .toList();
                assertThat(entries)
                        .as(
                                "start %d: each change once, the one the killed server left with its own person and time",
                                start)
                        .extracting(AuditEntry::actor, AuditEntry::subject)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(
                                        "Ana Lima", "flag new-checkout turned on in staging: launch"),
                                org.assertj.core.groups.Tuple.tuple(
                                        "Ana Lima", "flag pay-kill turned off in staging: INC-9: stop payments"));
                assertThat(entries.get(1).at()).isEqualTo(FlagServerFixture.T0);
            }
        }
    }

    private List<AuditEntry> flagEntries() throws Exception {
        return fixture.admin.audit().stream()
                .filter(e -> e.action() == AuditAction.FLAG_SWITCHED || e.action() == AuditAction.FLAG_CONFIGURED)
                .toList();
    }
}
