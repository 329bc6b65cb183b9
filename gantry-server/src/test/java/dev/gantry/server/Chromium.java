package dev.gantry.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Chromium for the dashboard's tests: Debian's, headless, started once per test class (it takes seconds), with
 * nothing that reaches beyond loopback.
 */
final class Chromium implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** How often a start that the system refused with "Text file busy" is tried again. */
    private static final int TRIES = 3;

    /**
     * Starts Playwright's driver and the browser. The driver is a program Playwright writes to a temporary folder and
     * runs at once: while another thread of the tests starts a process, that process may hold the file open for a
     * moment, and Linux then refuses to run it ("Text file busy"). Such a start is tried again; any other failure
     * is the test's.
     */
    static Chromium launch() {
        for (int tried = 1; ; tried++) {
            try {
                return start();
            } catch (RuntimeException e) {
                if (tried == TRIES || !textFileBusy(e)) throw e;
            }
        }
    }

    private static boolean textFileBusy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("Text file busy")) return true;
        }
        return false;
    }

    private static Chromium start() {
        // Playwright would download a browser of its own; the system's is used instead.
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(EXECUTABLE)
                            .setHeadless(true)
                            .setArgs(List.of(
                                    "--headless",
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-quic",
                                    "--no-first-run",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync")));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A browser context whose every request carries the token, as a signed-in browser carries its session. */
    BrowserContext as(String token) {
        return browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900)
                .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + token)));
    }

    /** A browser context without credentials. */
    BrowserContext anonymous() {
        return browser.newContext();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
