package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: one page that loads nothing, its summary band, its charts, and nobody's text as markup. */
class HtmlReportTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ATTRIBUTE = "x\" onerror=\"alert(1)";
    private static final String LINK = "[click](javascript:alert(1)) <a href=\"javascript:alert(1)\">x</a>";

    @TempDir
    Path dir;

    @Test
    void whatPeopleAndCommitsWroteIsTextNeverMarkup() throws Exception {
        String html = RunFixture.canary(true)
                .rolledBack("DEP-020 fired " + SCRIPT, "customers complain " + ATTRIBUTE + " " + LINK)
                .lesson("check <img src=x onerror=alert(1)> and " + LINK, "Linh " + SCRIPT)
                .report(dir, "search by tag " + SCRIPT + " " + ATTRIBUTE + " " + LINK)
                .html();

        assertThat(html.toLowerCase(java.util.Locale.ROOT))
                .as("no tag but the report's own, no attribute from anyone's text")
                .doesNotContain("<script", "<img", "<a ")
                .doesNotContainPattern("<[^>]*\\s(onerror|src|href)=");
        assertThat(html)
                .contains("search by tag &lt;script&gt;alert(1)&lt;/script&gt; x&quot; onerror=&quot;alert(1)")
                .contains("rolled back by Linh Vo: customers complain x&quot; onerror=&quot;alert(1)")
                .contains("check &lt;img src=x onerror=alert(1)&gt; and [click](javascript:alert(1))")
                .contains("(Linh &lt;script&gt;alert(1)&lt;/script&gt;)")
                .contains("DEP-020 fired &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    }

    @Test
    void thePageLoadsNothing() throws Exception {
        String html = RunFixture.canary(true)
                .rolledBack("DEP-020 fired", "no")
                .report(dir, "search by tag")
                .html();

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<style>")
                .doesNotContain("<script", "<link", "src=", "href=", "@import", "url(", "http://", "https://");
    }

    @Test
    void theSummaryBandSaysHowTheRunEndedAndWhyInTheVerdictsColour() throws Exception {
        String rolledBack = RunFixture.canary(true)
                .rolledBack("DEP-020 fired: error_rate 17.07% > 2% for 2m (since 09:04:00)", "no")
                .report(dir, "search by tag")
                .html();
        String released =
                RunFixture.canary(false).released().report(dir, "search by tag").html();

        assertThat(rolledBack)
                .contains("<header class=\"band rolled-back\">\n<p class=\"verdict\">Rolled-Back</p>")
                .contains("<p class=\"cause\">DEP-020 fired: error_rate 17.07% &gt; 2% for 2m (since 09:04:00)</p>")
                .contains("<dt>Version</dt><dd>1.4.0 (replacing 1.3.0)</dd>")
                .contains("<dt>Commit</dt><dd><code>0123456789abcdef0123456789abcdef01234567</code></dd>")
                .contains("<dt>Environment</dt><dd>staging</dd>")
                .contains("<dt>Duration</dt><dd>6m</dd>");
        assertThat(rolledBack.indexOf("class=\"band")).isLessThan(rolledBack.indexOf("Pre-Release Gate (Phase 1)"));
        assertThat(released)
                .contains("<header class=\"band released\">\n<p class=\"verdict\">Released</p>")
                .contains("<dt>Duration</dt><dd>7m</dd>");
    }

    @Test
    void eachMetricIsAChartInItsUnitWithTheThresholdTheStepsAndTheSampleThatFired() throws Exception {
        String html = RunFixture.canary(true)
                .rolledBack("DEP-020 fired", "no")
                .report(dir, "search by tag")
                .html();

        assertThat(html.split("<svg class=\"chart\"", -1))
                .as("a chart a metric")
                .hasSize(3);
        assertThat(html)
                .as("a ratio in percent, a latency in milliseconds, on the axis and in the values")
                .contains("error_rate (%)", ">0%</text>", "threshold 2%", "fired: 17.07%</text>")
                .contains("p99_latency (ms)", "threshold 500ms", "canary at T+1:00: 220ms")
                .doesNotContain("0.1707")
                .as("new and stable version told apart by dash pattern and marker, as the legend shows")
                .contains("<polyline class=\"canary\"", "<polyline class=\"stable\"", "<rect class=\"stable-marker\"")
                .contains(".stable{stroke:#57606a;stroke-width:2;stroke-dasharray:8 5}")
                .contains(">new version</text>", ">stable version</text>", ">threshold &gt; 500ms</text>")
                .as("where the traffic changed, and the rollback")
                .contains("<line class=\"step\"", "step 1 · 10%</text>", "step 2 · 50%</text>", ">rollback</text>")
                .as("the sample that fired")
                .contains("<circle class=\"fired\"", "fired at T+6:00: 17.07%</title>", ">trigger fired</text>");
    }

    @Test
    void theSectionsFollowTheReportTemplate() throws Exception {
        String html = RunFixture.canary(true)
                .rolledBack("DEP-020 fired", "no")
                .report(dir, "search by tag")
                .html();

        assertThat(html)
                .containsSubsequence(
                        "<h2>Pre-Release Gate (Phase 1)</h2>",
                        "<h3>Acceptance Criteria</h3>",
                        "<h3>Test Status</h3>",
                        "<h3>Change Summary</h3>",
                        "<h3>Rollback Plan</h3>",
                        "<h3>Approvals</h3>",
                        "<h3>Restrictions</h3>",
                        "<h3>Tracker State at Gate</h3>",
                        "<h2>Strategy Select (Phase 2)</h2>",
                        "<h2>Execute (Phase 3)</h2>",
                        "<h2>Smoke Test (Phase 4)</h2>",
                        "<h2>Watch Window (Phase 5)</h2>",
                        "<h3>Threshold breaches</h3>",
                        "<h2>Commit or Rollback (Phase 6)</h2>",
                        "<h3>Rollback steps</h3>",
                        "<h2>Lessons</h2>");
    }
}
