package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.coordinate.ApprovalStatus;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.api.PolicyView;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's policy on the server, over real HTTP: set by an admin and audited, refused with its errors' places
 * when malformed, and held against the plan when a release starts and when people approve.
 */
class ServerPolicyTest {

    private static final String TARGET =
            "target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }";

    private static final String PLAN =
            """
            people:
              - { name: Mark Liu, roles: [release-manager, tech-lead] }
              - { name: Linh Vo, roles: [qa] }
            environments:
              - name: staging
                %s
              - name: production
                %s
            approvals:
              minor: [tech-lead]
            """
                    .formatted(TARGET, TARGET);

    private static final String POLICY =
            """
            name: baseline
            rules:
              - environments: [production]
                approvers: [tech-lead, security]
            """;

    @TempDir
    Path dir;

    private GitFixture source;
    private GantryServer server;
    private ServerClient admin;

    @BeforeEach
    void start() throws Exception {
        source = GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.0.0");
        Path deploy = source.dir().resolve("deploy.sh");
        Files.writeString(deploy, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(source.dir().resolve("gantry.yaml"), PLAN);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
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
    void anAdminSetsThePolicyEveryoneReadsItAndTheAuditLogNamesItsHash() throws Exception {
        ServerClient reader = person("Linh Vo", "read");
        assertThatThrownBy(() -> reader.policy("shop"))
                .hasMessageContaining("project shop has no policy")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);

        PolicyView set = admin.setPolicy("shop", POLICY);
        assertThat(set.name()).isEqualTo("baseline");
        assertThat(set.hash()).hasSize(64);
        assertThat(set.warnings())
                .as("a role nobody holds yet is set, and said")
                .containsExactly("rules[0].approvers: nobody in the plan's people holds \"security\"; the roles"
                        + " they hold: qa, release-manager, tech-lead");
        assertThat(admin.setPolicy("shop", POLICY.replace("[production]", "[prodution]"))
                        .warnings())
                .contains("rules[0].environments: unknown environment \"prodution\"; the plan has: staging,"
                        + " production");
        set = admin.setPolicy("shop", POLICY);

        PolicyView read = reader.policy("shop");
        assertThat(read.document()).isEqualTo(POLICY);
        assertThat(read.hash()).isEqualTo(set.hash());
        assertThat(read.setBy()).isEqualTo(set.setBy());

        List<AuditEntry> entries = admin.audit();
        AuditEntry last = entries.get(entries.size() - 1);
        assertThat(last.action()).isEqualTo(AuditAction.POLICY_SET);
        assertThat(last.project()).isEqualTo("shop");
        assertThat(last.actor()).isEqualTo(set.setBy());
        assertThat(last.subject()).isEqualTo("policy \"baseline\" (sha256 " + set.hash() + ")");
        assertThat(entries.subList(entries.size() - 3, entries.size()))
                .extracting(AuditEntry::action)
                .containsOnly(AuditAction.POLICY_SET);
    }

    @Test
    void onlyAnAdminSetsItAndAMalformedOneIsRefusedWithItsPlacesChangingNothing() throws Exception {
        admin.setPolicy("shop", POLICY);
        for (String scope : List.of("read", "approve", "operate")) {
            assertThatThrownBy(() -> person("Mark Liu", scope).setPolicy("shop", "name: lax\n"))
                    .as(scope)
                    .extracting(e -> ((ServerCallException) e).status())
                    .isEqualTo(403);
        }
        assertThatThrownBy(
                        () -> admin.setPolicy(
                                "shop",
                                """
                        name: strict
                        rules:
                          - types: [mayor]
                            aprovers: [qa]
                        """))
                .hasMessageContaining("policy.yaml:3:13: rules[0].types[0]: expected one of hotfix, patch, minor,"
                        + " major, got \"mayor\"")
                .hasMessageContaining("policy.yaml:4:5: rules[0].aprovers: unknown key \"aprovers\"; did you mean"
                        + " \"approvers\"?")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(400);
        assertThat(admin.policy("shop").name()).isEqualTo("baseline");
        assertThat(admin.audit())
                .filteredOn(e -> e.action() == AuditAction.POLICY_SET)
                .hasSize(1);
    }

    @Test
    void aReleaseWhosePlanWeakensThePolicyIsRefusedNamingThePolicy() throws Exception {
        admin.setPolicy("shop", POLICY);
        ServerClient mark = person("Mark Liu", "operate");
        String head = source.head();
        assertThatThrownBy(() -> mark.release("shop", new ReleaseRequest(head, "production", null, List.of(), null)))
                .hasMessage("the plan weakens the server policy \"baseline\": approvals.minor lacks security")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(422);
        assertThat(admin.status("shop", Optional.of("production")).get(0).last())
                .as("nothing started")
                .isEmpty();
    }

    @Test
    void approvalsFollowTheEffectiveRulesAndSayWhenNobodyHoldsAPolicyRole() throws Exception {
        admin.setPolicy("shop", POLICY);
        String head = source.head();
        ApprovalStatus status = person("Linh Vo", "read").approvals("shop", head, Optional.empty());
        assertThat(status.roles())
                .satisfiesExactly(techLead -> assertThat(techLead.from()).isEqualTo("plan"), security -> {
                    assertThat(security.role()).isEqualTo("security");
                    assertThat(security.from()).isEqualTo("policy baseline");
                    assertThat(security.holders()).isEmpty();
                });
        // People are bound to accounts: the token's person approves, and only for a role the plan gives them.
        assertThatThrownBy(() -> person("Mark Liu", "approve")
                        .approve("shop", new ApprovalRequest(head, "security", null, null)))
                .hasMessage("Mark Liu does not hold the role security; their roles: release-manager, tech-lead")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(422);
        assertThatThrownBy(
                        () -> person("Linh Vo", "approve").approve("shop", new ApprovalRequest(head, "qa", null, null)))
                .hasMessage("a minor release needs no qa approval; it needs: tech-lead, security");
    }
}
