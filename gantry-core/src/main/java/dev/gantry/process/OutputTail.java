package dev.gantry.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one output stream of a program to its end, keeping the byte and line counts and only the last lines,
 * so that a program printing gigabytes neither blocks on a full pipe nor fills the memory.
 */
public final class OutputTail implements Runnable {

    /**
     * What was read so far.
     *
     * @param last the last lines, at most as many as asked for; a line longer than 500 bytes is cut and ends in …
     */
    public record Snapshot(long bytes, long lines, List<String> last) {}

    private static final int MAX_LINE = 500;
    private static final Pattern CUT_CHARACTER = Pattern.compile("\uFFFD+$");

    private final InputStream in;
    private final int keep;
    private final ArrayDeque<String> last = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineCut;
    private long bytes;
    private long lines;

    OutputTail(InputStream in, int keep) {
        this.in = in;
        this.keep = keep;
    }

    /** Starts reading on a thread of its own that does not keep the JVM alive. */
    Thread start(String name) {
        Thread reader = new Thread(this, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) != -1) take(buffer, n);
        } catch (IOException e) {
            // The pipe closes under the reader when the program is stopped: what came until then is kept.
        }
        synchronized (this) {
            if (line.size() > 0 || lineCut) endLine();
        }
    }

    private synchronized void take(byte[] buffer, int n) {
        bytes += n;
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') endLine();
            else if (line.size() < MAX_LINE) line.write(buffer[i]);
            else lineCut = true;
        }
    }

    private void endLine() {
        String text = current();
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        last.addLast(text);
        if (last.size() > keep) last.removeFirst();
        lines++;
        line.reset();
        lineCut = false;
    }

    /** The line read so far; a cut line loses the half character the cut may have left at its end. */
    private String current() {
        String text = line.toString(StandardCharsets.UTF_8);
        return lineCut ? CUT_CHARACTER.matcher(text).replaceFirst("") + "…" : text;
    }

    synchronized Snapshot snapshot() {
        List<String> shown = new ArrayList<>(last);
        if (line.size() > 0) shown.add(current());
        if (shown.size() > keep) shown.remove(0);
        return new Snapshot(bytes, lines + (line.size() > 0 ? 1 : 0), shown);
    }
}
