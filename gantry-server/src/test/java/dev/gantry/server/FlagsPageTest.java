package dev.gantry.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.FlagSwitchRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags page in a real Chromium: a person who may operate turns a flag from it, with a reason and the session's
 * CSRF token, and sees the change and its audit entry; markup in a description or a reason stays text.
 */
class FlagsPageTest {

    @TempDir
    static Path dir;

    private static Chromium chromium;
    private static FlagServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new FlagServerFixture(dir);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void anOperatorLoggedInTurnsAFlagOnFromThePageWithAReasonAndTheAuditLogKeepsIt() throws Exception {
        String password = "green-lantern-17-quay";
        fixture.admin.createAccount(new AccountRequest("Ana Lima", List.of("operate"), password));
        try (BrowserContext browser = chromium.anonymous()) {
            Page page = browser.newPage();
            page.navigate(fixture.url() + "/projects/shop");
            page.locator("input[name=person]").fill("Ana Lima");
            page.locator("input[name=password]").fill(password);
            page.locator("button[type=submit]").click();
            page.locator("a.flags").click();
            assertThat(page.locator("h1")).hasText("Flags of shop in staging");
            page.locator(".environments a", new Page.LocatorOptions().setHasText("production"))
                    .click();
            assertThat(page.locator("h1")).hasText("Flags of shop in production");

            Locator row = page.locator("#flags tr[data-flag=new-checkout]");
            assertThat(row.locator("td.state")).hasText("– off");
            assertThat(row).containsText("release · owner Ana Lima · release 1.4.0");
            assertThat(row.locator("td.strategies")).hasText("everyone (no strategies)");
            assertThat(row.locator("td.last")).hasText("as the plan declares it");
            Locator button = row.locator("button[name=on]");
            assertThat(button).hasText("Turn on");
            // A reason is required: the browser does not send the form without one.
            button.click();
            assertThat(row.locator("td.state")).hasText("– off");

            row.locator("input[name=reason]").fill("ready for the launch");
            button.click();
            Locator turned = page.locator("#flags tr[data-flag=new-checkout]");
            assertThat(turned.locator("td.state")).hasText("✓ on");
            assertThat(turned.locator("td.last")).containsText("turned on 2026-12-07 10:00 UTC by Ana Lima");
            assertThat(turned.locator("td.last .reason")).hasText("ready for the launch");
            assertThat(turned.locator("button[name=on]")).hasText("Turn off");
            Locator history = page.locator("#flags tr[data-history=new-checkout] details");
            assertThat(history.locator("summary")).hasText("History in production (1 change)");
            history.locator("summary").click();
            assertThat(history.locator("ol.changes li")).hasCount(1);
            assertThat(history.locator("ol.changes li .actor")).hasText("Ana Lima");

            // The same request without the page's CSRF token, as another site's script would send it, is refused.
            Object forged = page.evaluate(
                    """
                    async () => (await fetch('/api/projects/shop/flags/new-checkout/switch', {method: 'POST',
                        headers: {'Content-Type': 'application/json'},
                        body: JSON.stringify({environment: 'production', on: false, reason: 'forged'})})).status
                    """);
            assertThat(forged).isEqualTo(403);
        }
        assertThat(fixture.admin.flags("shop", Optional.of("production")).get(0).on())
                .isTrue();
        assertThat(fixture.admin.flags("shop", Optional.of("staging")).get(0).on())
                .isFalse();
        List<AuditEntry> entries = fixture.admin.audit().stream()
                .filter(e -> e.action() == AuditAction.FLAG_SWITCHED)
                .filter(e -> e.subject().startsWith("flag new-checkout "))
                .toList();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("Ana Lima");
            assertThat(e.project()).isEqualTo("shop");
            assertThat(e.subject()).isEqualTo("flag new-checkout turned on in production: ready for the launch");
        });
        try (BrowserContext admin = chromium.as(fixture.token("Ada Admin", "admin"))) {
            Page audit = admin.newPage();
            audit.navigate(fixture.url() + "/audit");
            assertThat(audit.locator("table.audit"))
                    .containsText("flag new-checkout turned on in production: ready for the launch");
        }
    }

    @Test
    void aReasonTheCoreRefusesIsSaidOnThePageAndChangesNothing() throws Exception {
        String password = "violet-harbour-42-kite";
        fixture.admin.createAccount(new AccountRequest("Olu Ade", List.of("operate"), password));
        try (BrowserContext browser = chromium.anonymous()) {
            Page page = browser.newPage();
            page.navigate(fixture.url() + "/projects/shop");
            page.locator("input[name=person]").fill("Olu Ade");
            page.locator("input[name=password]").fill(password);
            page.locator("button[type=submit]").click();
            page.navigate(fixture.url() + "/projects/shop/flags?environment=production");
            Locator row = page.locator("#flags tr[data-flag=pay-kill]");
            Locator reason = row.locator("input[name=reason]");
            assertThat(reason).hasAttribute("maxlength", String.valueOf(dev.gantry.text.PersonText.MAX));
            reason.fill("approved by CTO \u202Eevil");
            row.locator("button[name=on]").click();
            assertThat(row.locator("output.result"))
                    .containsText("reason takes one line of text without control, bidi or invisible formatting"
                            + " characters; found U+202E RIGHT-TO-LEFT OVERRIDE at character 17");
            assertThat(row.locator("td.state")).hasText("✓ on");
        }
        assertThat(fixture.admin.flagHistory("shop", "pay-kill", Optional.of("production")))
                .isEmpty();
    }

    @Test
    void aDescriptionAndAReasonHoldingMarkupRenderAsTextAndAReaderSeesNoButtons() throws Exception {
        String reason = "<img src=x onerror=alert('reason')><script>alert('reason')</script><b>bold</b>";
        fixture.client("Eve <b>Doe</b>", "operate")
                .switchFlag("shop", "pay-kill", new FlagSwitchRequest("staging", false, reason));
        try (BrowserContext eve = chromium.as(fixture.token("Casey Reed", "read"))) {
            List<String> dialogs = new ArrayList<>();
            eve.onPage(p -> p.onDialog(d -> {
                dialogs.add(d.message());
                d.dismiss();
            }));
            Page page = eve.newPage();
            assertThat(page.navigate(fixture.url() + "/projects/shop/flags?environment=staging")
                            .status())
                    .isEqualTo(200);
            page.locator("details").evaluateAll("all => all.forEach(d => d.open = true)");
            assertThat(page.locator("#flags tr[data-flag=new-checkout] .description"))
                    .hasText(FlagServerFixture.DESCRIPTION);
            assertThat(page.locator("#flags tr[data-flag=pay-kill] td.last .reason"))
                    .hasText(reason);
            assertThat(page.locator("#flags tr[data-history=pay-kill] ol.changes li .actor"))
                    .hasText("Eve <b>Doe</b>");
            assertThat(page.locator("form.api")).hasCount(0);
            assertThat(page.locator("main button")).hasCount(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> found = (Map<String, Object>)
                    page.evaluate(
                            """
                    () => ({
                      scripts: [...document.scripts].map(s => s.getAttribute('src') || 'inline: ' + s.textContent),
                      handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                          .filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name)),
                      images: document.querySelectorAll('img').length,
                      bold: document.querySelectorAll('main b').length
                    })
                    """);
            assertThat(found.get("scripts")).isEqualTo(List.of("/assets/dashboard.js"));
            assertThat((List<?>) found.get("handlers")).isEmpty();
            assertThat(((Number) found.get("images")).intValue()).isZero();
            assertThat(((Number) found.get("bold")).intValue()).isZero();
            assertThat(dialogs).isEmpty();
            assertThat(page.navigate(fixture.url() + "/projects/shop/flags?environment=prod")
                            .status())
                    .isEqualTo(404);
        }
    }
}
