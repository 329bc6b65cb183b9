package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry report rewrites a run's reports, and writes a person's lessons down in the run first. */
class ReportCliTest {

    @TempDir
    Path dir;

    @Test
    void aLessonWrittenDownAfterTheRunIsInEveryReport() throws Exception {
        GitFixture.init(dir).commit("fix: a").tag("v1.3.0").commit("feat: search\n\nRefs: #12");
        Path script = dir.resolve("deploy.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                rollout:
                  canary: { steps: [100%], watch: 1s, cadence: 1s }
                """);
        assertThat(GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu")
                        .exitCode())
                .isZero();
        Path markdown = dir.resolve(".gantry/releases/v1.4.0/report-staging.md");
        assertThat(Files.readString(markdown))
                .contains("## Lessons\n\n- None written down yet: gantry report staging --lesson")
                .contains("- Tickets in scope: 1 (#12)");

        GantryProcess.Result refused = GantryProcess.run(dir, "report", "staging", "--lesson", "smoke it longer");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--lesson needs --as NAME");

        GantryProcess.Result written = GantryProcess.run(
                dir,
                "report",
                "staging",
                "--lesson",
                "the smoke test should call <the> search page",
                "--lesson",
                "deploy took long",
                "--as",
                "Linh Vo");
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(Files.readString(markdown))
                // A person's text is text in Markdown too: "<the>" opens no HTML tag.
                .endsWith("## Lessons\n\n- the smoke test should call &lt;the> search page (Linh Vo)\n"
                        + "- deploy took long (Linh Vo)\n");
        assertThat(Files.readString(markdown.resolveSibling("report-staging.html")))
                .contains("the smoke test should call &lt;the&gt; search page");
        assertThat(Files.readString(markdown.resolveSibling("report-staging.json")))
                .contains("\"kind\" : \"run.lesson-noted\"");
        assertThat(GantryProcess.run(dir, "history").out()).contains("staging").contains("Released");
    }
}
