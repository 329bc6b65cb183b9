package dev.gantry.cli;

import dev.gantry.coordinate.RunView;
import dev.gantry.coordinate.SampleText;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.version.ReleaseType;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A run as it goes. In a CI log or a pipe: one timestamped line per event. On a terminal: the events that matter
 * scroll by, and below them a block of a few lines (phase and step, weight, each trigger's last sample against its
 * threshold, the time left in the watch window) is drawn again in place on every event and every second, with
 * plain ANSI sequences; samples update the block instead of scrolling a line each.
 */
final class LiveDisplay implements AutoCloseable {

    private static final String ESC = "\u001b[";
    private static final String CLEAR_LINE = ESC + "2K";
    private static final String CLEAR_BELOW = ESC + "J";

    private final PrintWriter out;
    private final Live live;
    private final List<RunLog.Logged> events;
    private ScheduledExecutorService ticker;
    private int drawn;
    private boolean closed;
    private boolean broken;

    /**
     * What the block needs besides the events.
     *
     * @param width the terminal's columns: a block line that wrapped would throw the redraw off by a line
     */
    record Live(Plan plan, ReleaseType type, Clock clock, int width) {}

    private LiveDisplay(PrintWriter out, Live live, List<RunLog.Logged> earlier) {
        this.out = out;
        this.live = live;
        this.events = new ArrayList<>(earlier);
    }

    /**
     * Where a run shows itself as it goes: live on a person's terminal, plain lines anywhere else.
     *
     * @param earlier the run's events stored before this command
     */
    static LiveDisplay open(
            PrintWriter out, boolean plain, Plan plan, ReleaseType type, Clock clock, List<RunLog.Logged> earlier) {
        Map<String, String> env = System.getenv();
        if (!wanted(System.console() != null, env, plain)) return plain(out);
        return ticking(out, new Live(plan, type, clock, columns(env)), earlier);
    }

    /** The terminal's width: $COLUMNS when the shell exports it, else what stty says of the terminal, else 80. */
    private static int columns(Map<String, String> env) {
        String columns = env.getOrDefault("COLUMNS", "");
        if (columns.matches("\\d{1,4}")) return Integer.parseInt(columns);
        try {
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (stty.waitFor() == 0 && size.matches("\\d+ \\d{1,4}")) return Integer.parseInt(size.split(" ")[1]);
        } catch (IOException e) {
            // No stty (or no /dev/tty): the usual width will do.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }

    /** Today's plain lines, one per event. */
    static LiveDisplay plain(PrintWriter out) {
        return new LiveDisplay(out, null, List.of());
    }

    /**
     * The live block, not yet redrawn by time: {@link #refresh} draws it again.
     *
     * @param earlier the run's events stored before this command, which the block needs but which are not shown
     */
    static LiveDisplay live(PrintWriter out, Live live, List<RunLog.Logged> earlier) {
        return new LiveDisplay(out, live, earlier);
    }

    /** The live block, redrawn every second by a daemon thread as well as on every event, until closed. */
    static LiveDisplay ticking(PrintWriter out, Live live, List<RunLog.Logged> earlier) {
        LiveDisplay display = live(out, live, earlier);
        display.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gantry-live-display");
            thread.setDaemon(true);
            return thread;
        });
        display.ticker.scheduleAtFixedRate(display::refresh, 1, 1, TimeUnit.SECONDS);
        return display;
    }

    /**
     * Whether a run is shown live: only to a person at an interactive terminal, never in CI, and not when asked for
     * plain lines with {@code --plain} or {@code GANTRY_PLAIN=1}.
     *
     * @param console whether the process has an interactive console (a terminal on stdin and stdout)
     */
    static boolean wanted(boolean console, Map<String, String> env, boolean plain) {
        String term = env.getOrDefault("TERM", "");
        String ci = env.getOrDefault("CI", "");
        return console
                && !plain
                && !term.isBlank()
                && !term.equals("dumb")
                && (ci.isBlank() || ci.equalsIgnoreCase("false") || ci.equals("0"))
                && !env.getOrDefault("GANTRY_PLAIN", "").equals("1");
    }

    synchronized void show(RunLog.Logged event) {
        events.add(event);
        if (drawing()) {
            String line = SampleText.clock(event.at()) + "  " + RunLines.of(event.event());
            if (draw(event.event() instanceof RunEvent.Sampled ? List.of() : List.of(line))) return;
        }
        out.println(event.at().truncatedTo(ChronoUnit.MILLIS) + "  " + RunLines.of(event.event()));
        out.flush();
    }

    /** Draws the block again: the time left moves while the run waits for its next sample. */
    synchronized void refresh() {
        if (drawing() && !closed) draw(List.of());
    }

    private boolean drawing() {
        return live != null && !broken;
    }

    /** Leaves the last block on the screen, below the scrolled lines, and stops redrawing it. */
    @Override
    public synchronized void close() {
        if (ticker != null) ticker.shutdownNow();
        refresh();
        closed = true;
    }

    /**
     * Moves up over the block drawn last, prints the new history lines in its place, then the block below them.
     *
     * @return false when the block could not be drawn: the run goes on in plain lines, since a display must never
     *     stop a release
     */
    private boolean draw(List<String> history) {
        if (events.isEmpty()) return true;
        List<String> block;
        try {
            block = block();
        } catch (RuntimeException e) {
            broken = true;
            out.println("gantry: the live display stopped, plain lines follow (a bug, please report it): " + e);
            return false;
        }
        StringBuilder screen = new StringBuilder();
        // Everything from the old block down is cleared first: a history line wider than the terminal wraps onto
        // a second row, which a clear of its own row alone would leave holding the old block's text.
        if (drawn > 0) screen.append(ESC).append(drawn).append('F').append(CLEAR_BELOW);
        for (String line : history) screen.append(CLEAR_LINE).append(flat(line)).append('\n');
        for (String line : block) screen.append(CLEAR_LINE).append(line).append('\n');
        out.print(screen);
        out.flush();
        drawn = block.size();
        return true;
    }

    private List<String> block() {
        RunView view = RunView.of(events, live.plan(), live.type(), live.clock().instant());
        List<String> lines = new ArrayList<>();
        lines.add("-- " + RunViewText.title(view) + " --");
        for (String line : RunViewText.lines(view)) lines.add("   " + line);
        return lines.stream().map(this::fit).toList();
    }

    /**
     * A reason that spans lines joined into one, and no control character (an escape sequence in a script's output)
     * passed to the terminal: either would move the cursor where the redraw does not expect it.
     */
    private static String flat(String line) {
        return line.replaceAll("\\s*\\R\\s*", " ").replaceAll("\\p{Cntrl}", " ");
    }

    /** One terminal row at most: a longer line would wrap and throw the redraw off by a row. */
    private String fit(String line) {
        String flat = flat(line);
        int max = Math.max(10, live.width() - 1);
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }
}
