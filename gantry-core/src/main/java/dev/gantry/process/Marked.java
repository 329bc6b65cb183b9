package dev.gantry.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A program started with a mark in its environment, which every process it starts inherits: a process it left
 * behind is found by the mark even after the program ended and its children went to another parent, where the
 * program's descendants no longer lead. The mark is read from {@code /proc}, so on systems without it only the
 * descendants are found; a process that replaces its whole environment drops the mark.
 *
 * @param mark the value of {@link #VARIABLE} in the program's environment, unique to this start
 */
public record Marked(Process process, String mark) {

    public static final String VARIABLE = "GANTRY_PROGRAM_RUN";

    private static final AtomicLong STARTS = new AtomicLong();
    private static final Path PROC = Path.of("/proc");
    // Processes may fork while they are being stopped; each round stops those found, a fork bomb takes them all.
    private static final int ROUNDS = 20;
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** Starts the program of {@code builder} with a mark of its own. */
    public static Marked start(ProcessBuilder builder) throws IOException {
        String mark = ProcessHandle.current().pid() + "." + STARTS.incrementAndGet();
        builder.environment().put(VARIABLE, mark);
        return new Marked(ProgramRun.start(builder), mark);
    }

    /** Kills every process that carries the mark, round after round until none is found; returns how many. */
    int stopLeftovers() {
        return stopCarrying(mark);
    }

    /** Kills every process that carries {@code mark}, round after round until none is found; returns how many. */
    static int stopCarrying(String mark) {
        int stopped = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> found = carrying(mark);
            if (found.isEmpty()) break;
            found.forEach(ProcessHandle::destroyForcibly);
            stopped += found.size();
            long deadline = System.nanoTime() + GRACE.toNanos();
            for (ProcessHandle handle : found) {
                try {
                    handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return stopped;
                } catch (ExecutionException | TimeoutException e) {
                    // Not gone within the grace: the next round finds it again if it still carries the mark.
                }
            }
        }
        return stopped;
    }

    /** The live processes, other than this one, whose environment carries {@code mark}. */
    static List<ProcessHandle> carrying(String mark) {
        if (!Files.isDirectory(PROC)) return List.of();
        byte[] entry = (VARIABLE + "=" + mark).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.pid() != self && handle.isAlive())
                .filter(handle -> carries(handle.pid(), entry))
                .toList();
    }

    /** Whether the process' environment holds {@code entry} as one of its NUL-separated entries. */
    private static boolean carries(long pid, byte[] entry) {
        byte[] environment;
        try {
            environment = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            // Another user's process, or one that ended meanwhile: not ours to stop.
            return false;
        }
        int start = 0;
        for (int i = 0; i <= environment.length; i++) {
            if (i == environment.length || environment[i] == 0) {
                if (i - start == entry.length
                        && java.util.Arrays.equals(environment, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
