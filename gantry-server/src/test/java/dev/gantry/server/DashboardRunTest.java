package dev.gantry.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run the server conducts, decided on from its page: the canary pauses on a soft breach, the release lead rolls it
 * back with the page's button, the page follows the rollback to its verdict and links the report.
 */
class DashboardRunTest {

    private static final String PLAN =
            """
            people:
              - { name: Mark Liu, roles: [release-manager] }
            environments:
              - name: staging
                target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                metrics: { type: command, run: ./metric.sh }
            rollback:
              - { id: DEP-020, metric: error_rate, threshold: "> 2%", severity: soft }
            rollout:
              canary: { steps: [100%], watch: 1m, cadence: 30s }
            """;

    @TempDir
    static Path dir;

    private static Chromium chromium;
    private static GantryServer server;
    private static ServerClient admin;
    private static final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        GitFixture source =
                GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        script(source.dir().resolve("deploy.sh"), "#!/bin/sh\nexit 0\n");
        script(source.dir().resolve("metric.sh"), "#!/bin/sh\necho 0.05\n");
        Files.writeString(source.dir().resolve("gantry.yaml"), PLAN);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        Time.Virtual time = Time.virtual(ServerFixture.T0);
        server = GantryServer.start(
                new ServerConfig(
                        dir.resolve("data"),
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", source.dir().toString()))),
                time,
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC()));
        admin = ServerClient.of(
                url(), Files.readString(dir.resolve("data/admin.token")).strip());
        chromium = Chromium.launch();
    }

    private static void script(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (server != null) server.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Waits on the server for the run's first event that {@code until} holds for. */
    private static void follow(ServerClient client, String runId, Class<? extends RunEvent> until) throws Exception {
        long after = 0;
        for (int asks = 0; asks < 200; asks++) {
            for (RunLog.Logged event : client.events("shop", runId, after, 30)) {
                if (until.isInstance(event.event())) return;
                after = event.sequence();
            }
        }
        throw new AssertionError("the run never got to " + until.getSimpleName() + "; server log:\n" + logged);
    }

    @Test
    void aPausedCanaryIsRolledBackFromItsPageWhichFollowsItToItsReport() throws Exception {
        String token = admin.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                .text();
        ServerClient mark = ServerClient.of(url(), token);
        RunStarted run = mark.release("shop", new ReleaseRequest("HEAD", "staging", null, List.of(), null));
        follow(mark, run.runId(), RunEvent.Paused.class);

        try (BrowserContext browser = chromium.as(token)) {
            Page page = browser.newPage();
            page.navigate(url() + "/projects/shop/runs/" + run.runId());
            assertThat(page.locator("#live .state")).containsText("waiting for a decision");
            assertThat(page.locator("#live tr[data-trigger=DEP-020]")).containsText("5%");
            Locator decide = page.locator("#live form.decide");
            assertThat(decide.locator("button")).hasText(new String[] {"Continue the rollout", "Roll back"});
            decide.locator("input[name=reason]").fill("5% errors is too many");
            // The paused canary is still sampled, so the part is updated while the button is held down: the button
            // must stay the one pressed, or the browser makes no click of the press and the decision is lost.
            page.waitForFunction("() => document.getElementById('live').dataset.updated !== undefined");
            String shown = page.locator("#live").getAttribute("data-updated");
            decide.locator("button", new Locator.LocatorOptions().setHasText("Roll back"))
                    .hover();
            page.mouse().down();
            page.waitForFunction("shown => document.getElementById('live').dataset.updated !== shown", shown);
            page.mouse().up();
            assertThat(page.locator("#said")).containsText("Sent");

            // The rollback runs the target's script and the smoke tests: longer than a page's usual wait.
            LocatorAssertions.ContainsTextOptions patient =
                    new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);
            assertThat(page.locator("#live .state")).containsText("Rolled-Back", patient);
            assertThat(page.locator("#live form")).hasCount(0);
            Locator report = page.locator("#live a.button", new Page.LocatorOptions().setHasText("The release report"));
            assertThat(report).containsText("report", patient);

            Response answer = page.waitForNavigation(report::click);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers().get("content-security-policy")).startsWith("default-src 'none';");
            assertThat(page.locator("body")).containsText("Rolled-Back");
            assertThat(page.locator("script")).hasCount(0);

            // The gate the release was let through with, criterion by criterion, on the release's page.
            page.navigate(url() + "/projects/shop/release?ref=HEAD&environment=staging");
            assertThat(page.locator("#gate h3")).containsText("staging");
            assertThat(page.locator("#gate h3 .badge")).hasText("✓ GO");
            assertThat(page.locator("#checklist h2")).containsText("Checklist for staging");
        }
        assertThat(admin.audit())
                .filteredOn(e -> e.action() == AuditAction.DECIDED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("Mark Liu");
                    assertThat(e.subject()).isEqualTo("run " + run.runId() + ": roll back (5% errors is too many)");
                });
    }
}
