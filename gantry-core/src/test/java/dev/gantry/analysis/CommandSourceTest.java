package dev.gantry.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.InvalidValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command source running real programs. */
class CommandSourceTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private MetricContext context;

    @BeforeEach
    void context() {
        context = new MetricContext(dir, "production", "2.4.0", Map.of("METRICS_TOKEN", "s3cr3t"));
    }

    /** A script under scripts/ in the repository that writes its arguments, one a line, to asked.txt. */
    private void script(String name, String body) throws Exception {
        Path script = dir.resolve("scripts").resolve(name);
        Files.createDirectories(script.getParent());
        Files.writeString(
                script,
                "#!/bin/sh\nfor arg in \"$@\"; do printf '%s\\n' \"$arg\" >> asked.txt; done\n" + body + "\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> asked() throws Exception {
        return Files.readAllLines(dir.resolve("asked.txt"), StandardCharsets.UTF_8);
    }

    private static CommandSource sh(String script) {
        return new CommandSource(List.of("sh", "-c", script), MINUTE);
    }

    @Test
    void theNumberPrintedIsTheValue() throws Exception {
        script("metric.sh", "echo 0.021");
        CommandSource source = new CommandSource(List.of("./scripts/metric.sh", "{query}"), null);

        assertThat(source.instant("error_rate", T0, context)).isEqualTo(Reading.of(T0, 0.021));
        assertThat(asked()).containsExactly("error_rate");
    }

    @Test
    void theQueryEnvironmentAndVersionAreReplaced() throws Exception {
        script("metric.sh", "echo 1");
        CommandSource source = new CommandSource(
                List.of("./scripts/metric.sh", "--query={query}", "{environment}", "{version}"), null);

        source.instant("rate(http_errors{env=\"{environment}\"}[5m]) {query}", T0, context);

        // The query is expanded once and then put in whole: braces it keeps are not placeholders of the command.
        assertThat(asked())
                .containsExactly("--query=rate(http_errors{env=\"production\"}[5m]) {query}", "production", "2.4.0");
    }

    @Test
    void theProgramLearnsTheReleaseFromItsEnvironment() {
        CommandSource source = sh("echo \"$GANTRY_QUERY $GANTRY_ENVIRONMENT $GANTRY_VERSION $METRICS_TOKEN\" >&2;"
                + " [ \"$GANTRY_QUERY $GANTRY_ENVIRONMENT $GANTRY_VERSION $METRICS_TOKEN\""
                + " = 'p99 production 2.4.0 s3cr3t' ] && echo 0.41");

        assertThat(source.instant("p99", T0, context)).isEqualTo(Reading.of(T0, 0.41));
    }

    @Test
    void theLastLineWithTextIsTheNumber() {
        assertThat(sh("echo 'asking the metrics API'; echo 12; echo ' 0.5 '; echo; echo '  '")
                        .instant("q", T0, context))
                .isEqualTo(Reading.of(T0, 0.5));
        assertThat(sh("printf '1.5e-3'").instant("q", T0, context)).isEqualTo(Reading.of(T0, 0.0015));
        assertThat(sh("echo -7").instant("q", T0, context)).isEqualTo(Reading.of(T0, -7));
    }

    @Test
    void aLastLineThatIsNotANumberIsMissing() {
        assertThat(sh("echo 0.5; echo done").instant("q", T0, context))
                .isEqualTo(Reading.missing(T0, "sh -c 'echo 0.5; echo done' printed \"done\" last, not a number"));
        assertThat(sh("echo NaN").instant("q", T0, context).problem())
                .isEqualTo("sh -c 'echo NaN' printed \"NaN\" last, not a number");
        assertThat(sh("echo 2.1%").instant("q", T0, context).problem())
                .isEqualTo("sh -c 'echo 2.1%' printed \"2.1%\" last, not a number");
    }

    @Test
    void printingNothingIsMissing() {
        assertThat(sh("echo 0.5 >&2").instant("q", T0, context))
                .isEqualTo(Reading.missing(T0, "sh -c 'echo 0.5 >&2' printed nothing on stdout; expected a number"));
    }

    @Test
    void anExitCodeOtherThanZeroIsMissingWithTheLastWords() {
        assertThat(sh("echo 0.5; echo 'metrics API unreachable' >&2; exit 3").instant("q", T0, context))
                .isEqualTo(Reading.missing(
                        T0,
                        "sh -c \"echo 0.5; echo 'metrics API unreachable' >&2; exit 3\" exited 3: metrics API"
                                + " unreachable"));
        assertThat(sh("exit 1").instant("q", T0, context).problem()).isEqualTo("sh -c 'exit 1' exited 1");
    }

    @Test
    void aProgramThatOutlivesItsTimeoutIsStopped() {
        CommandSource source = new CommandSource(List.of("sh", "-c", "echo 0.5; exec sleep 60"), Duration.ofSeconds(1));

        assertThat(source.instant("q", T0, context))
                .isEqualTo(Reading.missing(T0, "sh -c 'echo 0.5; exec sleep 60' timed out after 1s; stopped it"));
    }

    private long pid(String file) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve(file)).strip());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
    }

    @Test
    void aProgramStoppedAtItsTimeoutTakesItsChildrenAndGrandchildrenWithIt() throws Exception {
        CommandSource source = new CommandSource(
                List.of(
                        "sh",
                        "-c",
                        "sh -c 'sleep 60 & echo $! > grandchild.pid; wait' & echo $! > child.pid; echo 0.5; wait"),
                Duration.ofSeconds(1));

        assertThat(source.instant("q", T0, context).problem()).endsWith("timed out after 1s; stopped it");
        assertThat(alive(pid("child.pid"))).isFalse();
        assertThat(alive(pid("grandchild.pid"))).isFalse();
    }

    @Test
    void aProcessLeftRunningInTheBackgroundIsStoppedWhenTheProgramEnds() throws Exception {
        // The background sleep keeps the program's stdout open: left alone it would also hold the reading back
        // for the whole minute of the timeout.
        CommandSource source = sh("sleep 60 & echo $! > left.pid; echo 0.5");

        assertThat(source.instant("q", T0, context)).isEqualTo(Reading.of(T0, 0.5));
        assertThat(alive(pid("left.pid"))).isFalse();
    }

    @Test
    void aProcessThatLeftTheProgramsTreeIsStoppedToo() throws Exception {
        // The subshell exits at once, so the sleep's parent is no longer the program: only its mark leads to it.
        CommandSource source = sh("(sleep 60 > /dev/null 2>&1 & echo $! > left.pid); echo 0.5");

        assertThat(source.instant("q", T0, context)).isEqualTo(Reading.of(T0, 0.5));
        assertThat(alive(pid("left.pid"))).isFalse();
    }

    @Test
    void aQueryNoProgramCanBeGivenIsMissingRatherThanThrown() {
        // No environment variable can hold a NUL: starting the program fails before it runs.
        Reading reading = sh("echo 0.5").instant("rate\0x", T0, context);

        assertThat(reading.hasValue()).isFalse();
        assertThat(reading.problem()).startsWith("the source failed: IllegalArgumentException: ");
    }

    @Test
    void aProgramThatCannotStartIsMissing() {
        CommandSource source = new CommandSource(List.of("./scripts/absent.sh", "{query}"), null);

        assertThat(source.instant("q", T0, context))
                .isEqualTo(Reading.missing(T0, "cannot start ./scripts/absent.sh: no such file or directory"));
    }

    @Test
    void aRangeRunsOnceAndIsOneReadingAtItsEnd() throws Exception {
        script("metric.sh", "echo 3");
        CommandSource source = new CommandSource(List.of("./scripts/metric.sh {query}"), null);
        Instant end = T0.plus(Duration.ofMinutes(30));

        assertThat(source.range("rps", T0, end, MINUTE, context)).containsExactly(Reading.of(end, 3));
        assertThat(asked()).containsExactly("rps");
    }

    @Test
    void itDescribesItself() {
        assertThat(new CommandSource(List.of("./scripts/metric.sh", "{query}"), null).describe())
                .isEqualTo("the number printed last by ./scripts/metric.sh {query}");
    }

    @Test
    void oneStringIsSplitOnWhitespaceWithoutShellQuoting() {
        assertThat(new CommandSource(List.of("./scripts/metric.sh --window '5 minutes'"), null).run())
                .containsExactly("./scripts/metric.sh", "--window", "'5", "minutes'");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new CommandSource(List.of(), null))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected a program and its arguments such as [./scripts/metric.sh, \"{query}\"], got"
                        + " nothing");
        assertThatThrownBy(() -> new CommandSource(List.of(" ", "x"), null))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected a program and its arguments such as [./scripts/metric.sh, \"{query}\"], got"
                        + " \" \" as the program");
        assertThatThrownBy(() -> new CommandSource(List.of("./m.sh"), Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected a duration longer than zero such as 30s, got \"-1s\"");
        assertThat(new CommandSource(List.of("./m.sh"), null).timeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
