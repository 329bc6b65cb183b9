package dev.gantry.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.H2Store;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Tick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real Chromium, over a real repository and the server's own records: what a release lead reads,
 * the buttons that approve, tick and follow a run, and what it refuses to run or let through.
 */
// By name: the live run's page (a screenshot of it illustrates the README) is shown before a lesson full of markup is
// noted on it.
@TestMethodOrder(MethodOrderer.MethodName.class)
class DashboardTest {

    @TempDir
    static Path dir;

    private static Chromium chromium;
    private static DashboardFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new DashboardFixture(dir);
        fixture.recordCanary(8);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (fixture != null) fixture.close();
    }

    private static Page open(BrowserContext context, String path) {
        Page page = context.newPage();
        Response response = page.navigate(fixture.url() + path);
        assertThat(response.status()).as(path).isEqualTo(200);
        return page;
    }

    @Test
    void aReleaseLeadReadsTheReleaseApprovesItsExactCommitAndTicksTheChecklist() throws Exception {
        try (BrowserContext linh = chromium.as(fixture.token("Linh Vo", "approve"))) {
            Page home = open(linh, "/");
            assertThat(home.locator("header .person")).hasText("Linh Vo");
            assertThat(home.locator("table.environments tr", new Page.LocatorOptions().setHasText("production")))
                    .containsText("running: Watch window");
            home.locator("a", new Page.LocatorOptions().setHasText("shop"))
                    .first()
                    .click();
            assertThat(home.locator("table.history")).containsText("1.4.0");
            home.locator("button", new Page.LocatorOptions().setHasText("Open the release"))
                    .click();

            Page page = home;
            assertThat(page.locator("h1")).hasText("Release 1.4.0");
            assertThat(page.locator("#changes")).containsText("search");
            assertThat(page.locator("#approvals tr", new Page.LocatorOptions().setHasText("qa")))
                    .containsText("missing");
            Locator approve = page.locator("#approvals form.approve", new Page.LocatorOptions().setHasText("as qa"));
            assertThat(approve.locator("button")).hasText("Approve as qa · commit " + fixture.head.substring(0, 7));
            approve.locator("input[name=comment]").fill("847 tests green on staging");
            approve.locator("button").click();
            assertThat(page.locator("#approvals tr", new Page.LocatorOptions().setHasText("qa")))
                    .containsText("approved");

            Locator backup = page.locator("#checklist tr[data-item=backup]");
            backup.locator("input[name=note]").fill("snapshot db-2026-11-02");
            backup.locator("button").click();
            assertThat(page.locator("#checklist tr[data-item=backup]")).containsText("ticked by Linh Vo");
            assertThat(page.locator("#checklist tr[data-item=backup] form")).hasCount(0);
        }
        try (H2Store store = fixture.store()) {
            ReleaseLog log = new ReleaseLog(store);
            assertThat(log.approvals("1.4.0"))
                    .filteredOn(a -> a.role().equals("qa"))
                    .singleElement()
                    .satisfies(a -> {
                        assertThat(a.commit()).isEqualTo(fixture.head);
                        assertThat(a.role()).isEqualTo("qa");
                        assertThat(a.person()).isEqualTo("Linh Vo");
                        assertThat(a.comment()).isEqualTo("847 tests green on staging");
                    });
            assertThat(log.ticks("1.4.0"))
                    .extracting(Tick::item, Tick::person, Tick::note)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("backup", "Linh Vo", "snapshot db-2026-11-02"));
        }
    }

    @Test
    void aLiveRunsChartTakesEachSampleAsItIsStored() throws Exception {
        try (BrowserContext mark = chromium.as(fixture.token("Mark Liu", "operate"))) {
            Page page = open(mark, "/projects/shop/runs/" + DashboardFixture.RUN);
            assertThat(page.locator("#live .state")).containsText("running: Watch window");
            assertThat(page.locator("#live dl.facts")).containsText("step 1 of 3");
            assertThat(page.locator("#live .weight")).hasText("10%");
            assertThat(page.locator("#live form.abort button")).hasText("Abort the run");
            Locator errors = page.locator("#live figure.chart svg[aria-label^='DEP-020'] .canary-marker circle");
            assertThat(errors).hasCount(8);
            assertThat(page.locator("#live figure.chart svg[aria-label^='DEP-020'] .stable-marker rect"))
                    .hasCount(8);
            assertThat(page.locator("#live figure.chart svg[aria-label^='DEP-020'] .threshold-label"))
                    .hasText("threshold 2%");
            // The live part is the stream's by now, so the page shows what the stream sends.
            assertThat(page.locator("#live")).hasAttribute("data-updated", java.util.regex.Pattern.compile("\\d+"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of("target", "dashboard-canary.png"))
                    .setFullPage(true));

            fixture.sample(8);

            assertThat(errors).hasCount(9);
            assertThat(page.locator("#live tr[data-trigger=DEP-021] .value")).containsText("238ms");
        }
        assertThat(Files.readAllBytes(Path.of("target", "dashboard-canary.png")))
                .startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    @Test
    void namesCommitsPlanFieldsLessonsAndCommentsHoldingMarkupRenderAsText() throws Exception {
        String lesson = "<script>alert('lesson')</script><img src=x onerror=alert('lesson')>";
        String comment = "<img src=x onerror=alert('comment')> <a href=\"javascript:alert('comment')\">ok</a>";
        fixture.lesson(lesson);
        ServerClient priya = ServerClient.of(fixture.url(), fixture.token("Priya Shah", "approve"));
        priya.approve("shop", new ApprovalRequest(fixture.head, "tech-lead", comment, null));

        try (BrowserContext eve = chromium.as(fixture.token(DashboardFixture.EVE, "operate"))) {
            List<String> dialogs = new ArrayList<>();
            eve.onPage(p -> p.onDialog(d -> {
                dialogs.add(d.message());
                d.dismiss();
            }));
            Page release = open(eve, "/projects/shop/release?ref=HEAD");
            release.locator("details").evaluateAll("all => all.forEach(d => d.open = true)");
            assertInert(release);
            String text = release.locator("body").innerText();
            assertThat(text)
                    .contains(DashboardFixture.SUBJECT.substring("feat: ".length()))
                    .contains(DashboardFixture.EVE)
                    .contains("Runbook read <script>alert('criterion')</script>")
                    .contains("[the runbook](javascript:alert('link'))")
                    .contains("Post in #releases <b onmouseover=alert('step')>now</b>")
                    .contains(comment);

            Page run = open(eve, "/projects/shop/runs/" + DashboardFixture.RUN);
            assertThat(run.locator("ul.lessons")).containsText(lesson);
            assertInert(run);
            for (String path : List.of("/", "/projects/shop")) assertInert(open(eve, path));
            assertThat(dialogs).isEmpty();
        }
    }

    /** Only the dashboard's own script, no handler attribute, no javascript: address, no image the text held. */
    private static void assertInert(Page page) {
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>)
                page.evaluate(
                        """
                () => ({
                  scripts: [...document.scripts].map(s => s.getAttribute('src') || 'inline: ' + s.textContent),
                  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                      .filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name)),
                  addresses: [...document.querySelectorAll('[href],[src],[action],[formaction]')]
                      .flatMap(e => ['href', 'src', 'action', 'formaction'].map(n => e.getAttribute(n)))
                      .filter(v => v && /^\\s*javascript:/i.test(v)),
                  images: document.querySelectorAll('img').length,
                  bold: document.querySelectorAll('main b').length
                })
                """);
        assertThat(found.get("scripts")).as(page.url()).isEqualTo(List.of("/assets/dashboard.js"));
        assertThat((List<?>) found.get("handlers")).as(page.url()).isEmpty();
        assertThat((List<?>) found.get("addresses")).as(page.url()).isEmpty();
        assertThat(((Number) found.get("images")).intValue()).as(page.url()).isZero();
        assertThat(((Number) found.get("bold")).intValue()).as(page.url()).isZero();
    }

    @Test
    void aReaderSeesNoButtonsAndWhatTheyForgeIsRefused() throws Exception {
        try (BrowserContext casey = chromium.as(fixture.token("Casey Reed", "read"))) {
            Page release = open(casey, "/projects/shop/release?ref=HEAD");
            Response answer = release.navigate(fixture.url() + "/projects/shop/release?ref=HEAD");
            assertThat(answer.headers())
                    .containsEntry(
                            "content-security-policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                    + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("referrer-policy", "same-origin")
                    .containsEntry("x-frame-options", "DENY");
            assertThat(release.locator("#approvals")).containsText("An approval counts for commit");
            assertThat(release.locator("form.api")).hasCount(0);
            assertThat(release.locator("main button")).hasCount(0);
            Page run = open(casey, "/projects/shop/runs/" + DashboardFixture.RUN);
            assertThat(run.locator("#live .state")).containsText("running");
            assertThat(run.locator("form.api")).hasCount(0);

            Object forged = run.evaluate(
                    """
                    async commit => {
                      const asks = [
                        ['/api/projects/shop/approvals', {ref: commit, role: 'qa'}],
                        ['/api/projects/shop/checklist/ticks', {ref: commit, item: 'on-call'}],
                        ['/api/projects/shop/runs/p-1/abort', {proceed: false, reason: 'forged'}]];
                      const statuses = [];
                      for (const [url, body] of asks) {
                        const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                                    body: JSON.stringify(body)});
                        statuses.push(r.status);
                      }
                      return statuses;
                    }
                    """,
                    fixture.head);
            assertThat(forged).isEqualTo(List.of(403, 403, 403));
            assertThat(casey.newPage().navigate(fixture.url() + "/audit").status())
                    .isEqualTo(403);
        }
        try (BrowserContext nobody = chromium.anonymous()) {
            // Someone not logged in is sent to the login form, which brings them back after it.
            com.microsoft.playwright.Page page = nobody.newPage();
            assertThat(page.navigate(fixture.url() + "/").status()).isEqualTo(200);
            assertThat(page.url()).isEqualTo(fixture.url() + "/login?next=%2F");
            assertThat(page.locator("input[name=password]").count()).isEqualTo(1);
            assertThat(page.content()).doesNotContain("shop");
        }
        // What another site's form could send (no custom header, a form's body) changes nothing, whoever sends it.
        String approver = fixture.token("Linh Vo", "approve");
        java.net.http.HttpResponse<String> simple = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(fixture.url() + "/api/projects/shop/checklist/ticks"))
                                .header("Authorization", "Bearer " + approver)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "ref=" + fixture.head + "&item=on-call"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(simple.statusCode()).isEqualTo(400);
        try (H2Store store = fixture.store()) {
            assertThat(new ReleaseLog(store).ticks("1.4.0"))
                    .noneMatch(t -> t.item().equals("on-call"));
            assertThat(new ReleaseLog(store).approvals("1.4.0"))
                    .noneMatch(a -> a.person().equals("Casey Reed"));
        }
    }

    @Test
    void theAuditLogIsAnAdminsPage() throws Exception {
        try (BrowserContext admin = chromium.as(fixture.token("Ada Admin", "admin"))) {
            Page audit = open(admin, "/audit");
            assertThat(audit.locator("h2").first()).containsText("intact");
            assertThat(audit.locator("table.audit")).containsText("token issued");
        }
    }

    @Test
    void withAPasswordSomeoneLogsInFromAPlainBrowserAndTicksWithTheSessionsOwnCsrfToken() throws Exception {
        String password = "blue-kettle-42-harbour";
        fixture.admin.createAccount(
                new dev.gantry.server.api.AccountRequest("Priya Shah", List.of("approve"), password));
        try (BrowserContext browser = chromium.anonymous()) {
            Page page = browser.newPage();
            page.navigate(fixture.url() + "/projects/shop/release?ref=" + fixture.head);
            assertThat(page.url()).startsWith(fixture.url() + "/login?next=");
            page.locator("input[name=person]").fill("Priya Shah");
            page.locator("input[name=password]").fill(password);
            page.locator("button[type=submit]").click();

            // Back where they were going, with a session and no token anywhere.
            assertThat(page.locator("h1")).hasText("Release 1.4.0");
            assertThat(page.locator("header .person")).hasText("Priya Shah");
            // A tick from the page goes with the session's CSRF token.
            Locator open = page.locator("#checklist tr[data-item]:has(form)").first();
            String item = open.getAttribute("data-item");
            open.locator("button").click();
            assertThat(page.locator("#checklist tr[data-item=" + item + "]")).containsText("ticked by Priya Shah");
            // The same request without the page's CSRF token, as another site's script would send it, is refused.
            Object forged = page.evaluate(
                    """
                    async (commit) => (await fetch('/api/projects/shop/checklist/ticks', {method: 'POST',
                        headers: {'Content-Type': 'application/json'},
                        body: JSON.stringify({ref: commit, item: 'backup'})})).status
                    """,
                    fixture.head);
            assertThat(forged).isEqualTo(403);
        }
        try (H2Store store = fixture.store()) {
            assertThat(new ReleaseLog(store).ticks("1.4.0"))
                    .extracting(Tick::person)
                    .contains("Priya Shah");
        }
    }
}
