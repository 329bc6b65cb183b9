package dev.gantry.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's page in a real Chromium whose credential is revoked while it follows the run: the page says so. */
class StreamCutPageTest {

    @TempDir
    Path dir;

    private Chromium chromium;
    private DashboardFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new DashboardFixture(dir);
        fixture.recordCanary(2);
        chromium = Chromium.launch();
    }

    @AfterEach
    void stop() {
        if (chromium != null) chromium.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void aRunsPageSaysItNoLongerFollowsTheRunOnceItsTokenIsRevoked() throws Exception {
        NewToken token = fixture.admin.issue(new TokenRequest("Mark Liu", List.of("read"), 30));
        try (BrowserContext mark = chromium.as(token.text())) {
            Page page = mark.newPage();
            page.navigate(fixture.url() + "/projects/shop/runs/" + DashboardFixture.RUN);
            // The live part is the stream's by now: it is open.
            assertThat(page.locator("#live")).hasAttribute("data-updated", java.util.regex.Pattern.compile("\\d+"));

            fixture.admin.revoke(token.token().id());

            assertThat(page.locator("p.stream-ended"))
                    .hasText("No longer following this run: credential revoked: the token was revoked."
                            + " Reload the page to log in again.");
        }
    }
}
