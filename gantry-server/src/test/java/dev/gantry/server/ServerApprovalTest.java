package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.coordinate.ApprovalStatus;
import dev.gantry.gate.Signoff;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.api.Problem;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Approval;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals through the server: given by the token's person, bound to the commit they name and judged by that
 * commit's plan, refused as the plan's rules say, one per role even when people race.
 */
class ServerApprovalTest {

    private static final String PLAN =
            """
            people:
              - { name: Priya Shah, roles: [qa] }
              - { name: Linh Vo, roles: [qa] }
              - { name: Bo Chen, roles: [tech-lead] }
              - { name: Test Author, roles: [tech-lead] }
            environments:
              - { name: staging }
            approvals:
              separateApprover: true
              minor: [tech-lead, qa]
              patch: [qa]
            """;

    @TempDir
    Path dir;

    private GitFixture source;
    private String docsOnly;
    private GantryServer server;
    private ServerClient admin;

    @BeforeEach
    void start() throws Exception {
        source = GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.0.0");
        Files.writeString(source.dir().resolve("gantry.yaml"), PLAN);
        source.git("add", "gantry.yaml");
        source.commit("chore: the release plan").commit("docs: the readme");
        docsOnly = source.head();
        source.commit("feat: search");
        Time.Virtual clock = Time.virtual(ServerFixture.T0);
        server = GantryServer.start(
                new ServerConfig(
                        dir.resolve("data"),
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", source.dir().toString()))),
                clock,
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), clock));
        admin = client(Files.readString(dir.resolve("data/admin.token")).strip());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ServerClient client(String token) throws Exception {
        return ServerClient.of("http://127.0.0.1:" + server.port(), token);
    }

    private ServerClient person(String name, String scope) throws Exception {
        return client(admin.issue(new TokenRequest(name, List.of(scope), 30)).text());
    }

    @Test
    void anApprovalIsTheTokensPersonsBoundToTheCommitNamedAndAnotherCommitNeedsItAgain() throws Exception {
        ServerClient priya = person("Priya Shah", "approve");
        String head = source.head();

        Approval given = priya.approve("shop", new ApprovalRequest(head, "qa", "847 tests green", null));

        assertThat(given.person()).isEqualTo("Priya Shah");
        assertThat(given.commit()).isEqualTo(head);
        assertThat(given.version()).isEqualTo("1.1.0");
        ApprovalStatus status = priya.approvals("shop", head, Optional.empty());
        assertThat(status.complete()).isFalse();
        assertThat(status.roles())
                .satisfiesExactly(
                        techLead -> assertThat(techLead.holders())
                                .as("the author is no separate approver")
                                .containsExactly("Bo Chen"),
                        qa -> assertThat(qa.approvals()).containsExactly(given));

        source.commit("fix: one more");
        ApprovalStatus next = priya.approvals("shop", source.head(), Optional.empty());
        assertThat(next.roles()).allSatisfy(r -> assertThat(r.given()).isFalse());
        assertThat(next.cancelled())
                .singleElement()
                .satisfies(c -> assertThat(c.cause()).isEqualTo(Signoff.Cancellation.ANOTHER_COMMIT))
                .satisfies(c ->
                        assertThat(c.reason()).isEqualTo("given for another commit (" + head.substring(0, 7) + ")"));
    }

    @Test
    void thePlansRulesRefuseWithTheReasonAndAReadTokenCannotApprove() throws Exception {
        String head = source.head();
        ServerClient priya = person("Priya Shah", "approve");
        assertThatThrownBy(() -> priya.approve("shop", new ApprovalRequest(head, "tech-lead", null, null)))
                .hasMessage("Priya Shah does not hold the role tech-lead; their roles: qa")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(422);
        assertThatThrownBy(() -> person("Test Author", "approve")
                        .approve("shop", new ApprovalRequest(head, "tech-lead", null, null)))
                .hasMessageContaining("is an author of this release");
        assertThatThrownBy(
                        () -> person("Mallory", "approve").approve("shop", new ApprovalRequest(head, "qa", null, null)))
                .hasMessageContaining("\"Mallory\" is not in the plan's people");
        assertThatThrownBy(() -> person("Linh Vo", "read").approve("shop", new ApprovalRequest(head, "qa", null, null)))
                .hasMessageContaining("needs the approve scope")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> priya.approve("shop", new ApprovalRequest("f".repeat(40), "qa", null, null)))
                .hasMessage("project shop has no commit \"" + "f".repeat(40) + "\" (pushed yet?)");
        for (String hostile : List.of("--upload-pack=touch pwned", "HEAD:gantry.yaml", "main branch", "a\nb", "")) {
            assertThatThrownBy(() -> priya.approve("shop", new ApprovalRequest(hostile, "qa", null, null)))
                    .as(hostile)
                    .extracting(e -> ((ServerCallException) e).status())
                    .isEqualTo(400);
        }
        assertThat(dir.resolve("data/projects/shop/repo/pwned")).doesNotExist();
        assertThatThrownBy(() -> priya.approve("shop", new ApprovalRequest(head, "qa", "a\u202enote", null)))
                .hasMessageContaining("--comment");
        assertThatThrownBy(() -> priya.approve("shop", new ApprovalRequest(docsOnly, "qa", null, null)))
                .isInstanceOfSatisfying(
                        ServerCallException.class, e -> assertThat(e.problem()).hasValue(Problem.NOTHING_TO_RELEASE))
                .hasMessageStartingWith("nothing to release");
    }

    @Test
    void ofPeopleRacingForOneRoleExactlyOneFillsIt() throws Exception {
        String head = source.head();
        List<ServerClient> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(person("Priya Shah", "approve"));
            racers.add(person("Linh Vo", "approve"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (ServerClient racer : racers) {
                Callable<Boolean> approve = () -> {
                    try {
                        racer.approve("shop", new ApprovalRequest(head, "qa", null, null));
                        return true;
                    } catch (ServerCallException e) {
                        assertThat(e.getMessage()).contains("already approved");
                        return false;
                    }
                };
                results.add(pool.submit(approve));
            }
            int filled = 0;
            for (Future<Boolean> result : results) if (result.get()) filled++;
            assertThat(filled).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anApprovalWrittenIntoTheRecordsByHandForSomeoneWithoutTheRoleFillsNoRole() throws Exception {
        String head = source.head();
        // Under the plan of the commit, so that only the missing role keeps it from counting.
        String planHash = person("Linh Vo", "read")
                .approvals("shop", head, Optional.empty())
                .planHash();
        try (dev.gantry.store.H2Store store = dev.gantry.store.H2Store.open(dir.resolve("data/projects/shop/state"))) {
            new dev.gantry.store.ReleaseLog(store)
                    .approve(new Approval("1.1.0", head, "qa", "Mallory", null, ServerFixture.T0, planHash));
        }
        ApprovalStatus status = person("Linh Vo", "read").approvals("shop", head, Optional.empty());
        assertThat(status.roles())
                .filteredOn(r -> r.role().equals("qa"))
                .singleElement()
                .satisfies(qa -> assertThat(qa.given()).isFalse());
    }
}
