package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.version.ReleaseType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run shown on a terminal (redrawn in place) and in a log (one line per event). */
class LiveDisplayTest {

    @TempDir
    Path dir;

    private Plan plan;
    private final StringWriter written = new StringWriter();
    private final Time.Virtual time = Time.virtual(RunStory.BEGIN);

    @BeforeEach
    void plan() throws Exception {
        plan = RunStory.plan(dir);
    }

    private LiveDisplay live(int width) {
        return LiveDisplay.live(
                new PrintWriter(written), new LiveDisplay.Live(plan, ReleaseType.MINOR, time, width), List.of());
    }

    /** Each event shown when it happens, as the engine reports them. */
    private void play(LiveDisplay display, List<RunLog.Logged> events) {
        for (RunLog.Logged event : events) {
            time.waitUntil(event.at());
            display.show(event);
        }
    }

    @Test
    void onATerminalEventsScrollAboveABlockRedrawnInPlace() {
        LiveDisplay display = live(120);
        play(display, RunStory.secondStepWatched().events());
        time.waitUntil(RunStory.time(815));
        display.refresh();

        String out = written.toString();
        assertThat(out).startsWith("\u001b[2K10:00:00  started 1.4.0 in staging (replacing 1.3.0) by Mark Liu\n");
        assertThat(out).as("samples update the block, not the history").doesNotContain("sample DEP-");
        // The block has eight lines: each redraw goes back up over all of them and clears from there down.
        assertThat(out).contains("\u001b[8F\u001b[J\u001b[2K10:10:04  phase 3: Execute\n");
        assertThat(Screen.of(out))
                .containsExactly(
                        "10:00:00  started 1.4.0 in staging (replacing 1.3.0) by Mark Liu",
                        "10:00:00  phase 1: Pre-release gate",
                        "10:00:01  gate: GO (1 criteria: 1 met, 0 unmet, 0 error)",
                        "10:00:01  phase 2: Strategy select",
                        "10:00:01  strategy: Canary (recommended)",
                        "10:00:02  baseline DEP-023: 0.4",
                        "10:00:02  phase 3: Execute",
                        "10:00:02  deploy [staging-1.4.0-20261123T100000Z/deploy]",
                        "10:00:02    done: deploy staging: ./deploy.sh exited 0",
                        "10:00:03  phase 4: Smoke test",
                        "10:00:03  smoke test DEP-030 Pass in 12 ms: 200 OK",
                        "10:00:04  phase 3: Execute",
                        "10:00:04  set-weight 25% [staging-1.4.0-20261123T100000Z/set-weight-1]",
                        "10:00:04    done: set-weight staging: ./deploy.sh exited 0",
                        "10:00:05  phase 5: Watch window",
                        "10:10:04  phase 3: Execute",
                        "10:10:04  set-weight 50% [staging-1.4.0-20261123T100000Z/set-weight-2]",
                        "10:10:04    done: set-weight staging: ./deploy.sh exited 0",
                        "10:10:05  phase 5: Watch window",
                        "-- 1.4.0 to staging, replacing 1.3.0 --",
                        "   phase 5/6 Watch window, Canary step 2 of 3",
                        "   weight [#####.....] 50%",
                        "   DEP-020  error_rate    2.3%           limit > 2%             breaching for 1m of 5m (since"
                                + " 10:12:05)",
                        "   DEP-021  p99_latency   340.5ms        limit > 500ms          ok",
                        "   DEP-022  availability  no data        limit < 99.9%          no data 2 of 3 (./metric.sh"
                                + " printed nothing)",
                        "   DEP-023  errors        1.4x baseline  limit > 1.5x baseline  ok",
                        "   watch window: 6m30s left of 10m (ends 10:20:05)");
    }

    @Test
    void theTimeLeftMovesWithTheClockBetweenSamples() {
        LiveDisplay display = live(120);
        play(display, RunStory.secondStepWatched().events());
        time.advance(Duration.ofSeconds(30));
        display.refresh();
        List<String> before = Screen.of(written.toString());
        time.advance(Duration.ofSeconds(1));
        display.refresh();
        List<String> after = Screen.of(written.toString());

        assertThat(before).last().isEqualTo("   watch window: 6m30s left of 10m (ends 10:20:05)");
        assertThat(after).last().isEqualTo("   watch window: 6m29s left of 10m (ends 10:20:05)");
        assertThat(after).hasSameSizeAs(before);
    }

    @Test
    void blockLinesAreCutToTheTerminalWidthSoTheyNeverWrap() {
        LiveDisplay display = live(40);
        play(display, RunStory.secondStepWatched().events());

        List<String> screen = Screen.of(written.toString());
        List<String> block = screen.subList(screen.size() - 8, screen.size());
        assertThat(block).allSatisfy(line -> assertThat(line.length()).isLessThan(40));
        assertThat(block.get(3)).isEqualTo("   DEP-020  error_rate    2.3%      ...");
    }

    @Test
    void aReasonOverSeveralLinesOrWithEscapesTakesOneRow() {
        LiveDisplay display = live(200);
        play(
                display,
                RunStory.secondStepWatched()
                        .at(800, new RunEvent.Paused("smoke test DEP-030 failed:\n\u001b[31mHTTP 503\u001b[0m", false))
                        .events());

        List<String> screen = Screen.of(written.toString());
        assertThat(screen)
                .contains("10:13:20  paused: smoke test DEP-030 failed:  [31mHTTP 503 [0m")
                .endsWith(
                        "   waiting for a person: smoke test DEP-030 failed:  [31mHTTP 503 [0m",
                        "     decide with: gantry decide staging --version 1.4.0 --continue|--rollback --as NAME"
                                + " --reason \"...\"");
    }

    @Test
    void aHistoryLineWiderThanTheTerminalWrapsOverNoneOfTheOldBlock() {
        LiveDisplay display = live(60);
        play(
                display,
                RunStory.secondStepWatched()
                        .at(800, new RunEvent.Noted("notified: #incidents, #releases, the on-call pager, Linh Vo"))
                        .events());

        List<String> screen = Screen.of(written.toString(), 60);
        int noted = screen.indexOf("10:13:20  notified: #incidents, #releases, the on-call pager");
        assertThat(noted).isPositive();
        assertThat(screen.get(noted + 1)).isEqualTo(", Linh Vo");
        assertThat(screen.get(noted + 2)).isEqualTo("-- 1.4.0 to staging, replacing 1.3.0 --");
        assertThat(screen).hasSize(noted + 10);
    }

    @Test
    void afterCloseTheLastBlockStaysAndIsNotDrawnAgain() {
        LiveDisplay display = live(120);
        play(display, RunStory.secondStepWatched().events());
        display.close();
        int length = written.toString().length();
        display.refresh();

        assertThat(written.toString()).hasSize(length);
        assertThat(Screen.of(written.toString())).last().asString().startsWith("   watch window: ");
    }

    @Test
    void aBlockThatCannotBeDrawnGivesWayToPlainLinesAndTheRunGoesOn() {
        LiveDisplay display = live(120);
        List<RunLog.Logged> withoutStart = RunStory.secondStepWatched().events().subList(1, 3);
        play(display, withoutStart);
        display.refresh();

        assertThat(written.toString().lines().toList())
                .containsExactly(
                        "gantry: the live display stopped, plain lines follow (a bug, please report it):"
                                + " java.lang.IllegalArgumentException: a run's events begin with Started",
                        "2026-11-23T10:00:00Z  phase 1: Pre-release gate",
                        "2026-11-23T10:00:01Z  gate: GO (1 criteria: 1 met, 0 unmet, 0 error)");
    }

    @Test
    void inALogEachEventIsOnePlainLine() {
        LiveDisplay display = LiveDisplay.plain(new PrintWriter(written));
        List<RunLog.Logged> events = RunStory.secondStepWatched().events();
        play(display, events);
        display.refresh();
        display.close();

        List<String> lines = written.toString().lines().toList();
        assertThat(written.toString()).doesNotContain("\u001b");
        assertThat(lines).hasSameSizeAs(events);
        assertThat(lines.get(0))
                .isEqualTo("2026-11-23T10:00:00Z  started 1.4.0 in staging (replacing 1.3.0) by Mark Liu");
        assertThat(lines).contains("2026-11-23T10:01:05Z  sample DEP-020 error_rate 0.025 BREACHING");
    }

    @Test
    void liveOnlyForAPersonAtATerminal() {
        Map<String, String> terminal = Map.of("TERM", "xterm-256color");
        assertThat(LiveDisplay.wanted(true, terminal, false)).isTrue();
        assertThat(LiveDisplay.wanted(true, Map.of("TERM", "xterm", "CI", "false"), false))
                .isTrue();
        assertThat(LiveDisplay.wanted(false, terminal, false))
                .as("output piped or redirected")
                .isFalse();
        assertThat(LiveDisplay.wanted(true, terminal, true)).as("--plain").isFalse();
        assertThat(LiveDisplay.wanted(true, Map.of("TERM", "dumb"), false)).isFalse();
        assertThat(LiveDisplay.wanted(true, Map.of(), false)).as("no TERM").isFalse();
        assertThat(LiveDisplay.wanted(true, Map.of("TERM", "xterm", "CI", "true"), false))
                .isFalse();
        assertThat(LiveDisplay.wanted(true, Map.of("TERM", "xterm", "GANTRY_PLAIN", "1"), false))
                .isFalse();
    }

    /**
     * What a terminal {@code width} columns wide shows after the output: characters written over what a row holds,
     * wrapping onto the next row past the last column; {@code ESC[nF} moves up n rows to their first column,
     * {@code ESC[2K} clears the cursor's row, {@code ESC[J} clears from the cursor to the end of the screen. Any
     * other escape sequence fails the test.
     */
    static final class Screen {
        private static final Pattern ESCAPE = Pattern.compile("\u001b\\[(\\d*)([A-Za-z])");

        private final int width;
        private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
        private int row;
        private int column;

        private Screen(int width) {
            this.width = width;
        }

        static List<String> of(String output) {
            return of(output, Integer.MAX_VALUE);
        }

        static List<String> of(String output, int width) {
            Screen screen = new Screen(width);
            Matcher m = ESCAPE.matcher(output);
            int at = 0;
            while (at < output.length()) {
                char c = output.charAt(at);
                if (c == '\u001b') {
                    assertThat(m.find(at) && m.start() == at)
                            .as("an escape sequence at " + at)
                            .isTrue();
                    screen.escape(m.group(2), m.group(1));
                    at = m.end();
                } else {
                    screen.write(c);
                    at++;
                }
            }
            List<String> lines = new ArrayList<>(
                    screen.rows.stream().map(StringBuilder::toString).toList());
            if (lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
            return lines;
        }

        private void escape(String command, String count) {
            switch (command) {
                case "F" -> {
                    row = Math.max(0, row - Integer.parseInt(count));
                    column = 0;
                }
                case "K" -> rows.get(row).setLength(0);
                case "J" -> {
                    rows.get(row).setLength(Math.min(column, rows.get(row).length()));
                    while (rows.size() > row + 1) rows.remove(rows.size() - 1);
                }
                default -> throw new AssertionError("unexpected escape sequence " + command);
            }
        }

        private void write(char c) {
            if (c == '\n' || column == width) {
                row++;
                column = 0;
                if (row == rows.size()) rows.add(new StringBuilder());
                if (c == '\n') return;
            }
            StringBuilder line = rows.get(row);
            while (line.length() < column) line.append(' ');
            if (column < line.length()) {
                line.setCharAt(column, c);
            } else {
                line.append(c);
            }
            column++;
        }
    }
}
