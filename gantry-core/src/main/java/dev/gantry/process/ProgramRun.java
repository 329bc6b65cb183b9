package dev.gantry.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Waits for a started program within its timeout, reading its output, and stops it with all it started. */
public final class ProgramRun {

    /**
     * How a run ended.
     *
     * @param exitCode the program's exit code; empty when it was stopped at the timeout
     * @param stopped how many processes the program had started when it was stopped
     */
    public record Ended(OptionalInt exitCode, int stopped, OutputTail.Snapshot out, OutputTail.Snapshot err) {

        /** The program's last words on stderr, else on stdout, cut to {@code max} characters: usually why it failed. */
        public Optional<String> lastWords(int max) {
            for (OutputTail.Snapshot stream : List.of(err, out)) {
                for (int i = stream.last().size() - 1; i >= 0; i--) {
                    String line = stream.last().get(i).strip();
                    if (line.isEmpty()) continue;
                    return Optional.of(line.length() > max ? line.substring(0, max) + "…" : line);
                }
            }
            return Optional.empty();
        }
    }

    // Once a process tree is killed its pipes close at once; this only bounds a process that escaped it.
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Pattern ERRNO = Pattern.compile("^error=\\d+, ");

    private ProgramRun() {}

    /** Waits for {@code process}; stops it and every process it started when it outlives {@code timeout}. */
    public static Ended await(Process process, Duration timeout, int keepLines) throws InterruptedException {
        return await(process, null, timeout, keepLines);
    }

    /**
     * Waits for a marked program as {@link #await(Process, Duration, int)} does and leaves nothing behind: when it
     * ends, or is stopped, every process carrying its mark is stopped too, also one it started in the background
     * and one that left the program's tree.
     */
    public static Ended awaitLeavingNothing(Marked run, Duration timeout, int keepLines) throws InterruptedException {
        return await(run.process(), run, timeout, keepLines);
    }

    private static Ended await(Process process, Marked marked, Duration timeout, int keepLines)
            throws InterruptedException {
        try {
            // The program gets no input: one waiting for it would otherwise hang until the timeout.
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed by a program that exited at once.
        }
        OutputTail out = new OutputTail(process.getInputStream(), keepLines);
        OutputTail err = new OutputTail(process.getErrorStream(), keepLines);
        Thread outReader = out.start("gantry-command-stdout");
        Thread errReader = err.start("gantry-command-stderr");
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean exited;
        try {
            exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            stopTree(process);
            if (marked != null) marked.stopLeftovers();
            throw e;
        }
        if (!exited) {
            int stopped = stopTree(process);
            if (marked != null) stopped += marked.stopLeftovers();
            join(outReader, GRACE.toNanos());
            join(errReader, GRACE.toNanos());
            return new Ended(OptionalInt.empty(), stopped, out.snapshot(), err.snapshot());
        }
        // A background process the program left behind may hold its pipes open: stopping it closes them, and
        // otherwise the readers wait no longer than the timeout.
        if (marked != null) marked.stopLeftovers();
        join(outReader, deadline - System.nanoTime());
        join(errReader, deadline - System.nanoTime());
        return new Ended(OptionalInt.of(process.exitValue()), 0, out.snapshot(), err.snapshot());
    }

    /** Why a program did not start, as the system says it, without the folder it was started in. */
    /**
     * Starts the program of {@code builder}. A start Linux refused with "Text file busy" is tried again a few times
     * within about a third of a second: the program's file was held open for writing for a moment, by whoever wrote
     * it or by a process started while it was being written, which inherits the open file until it runs its own
     * program. Any other failure, or a file still busy, is thrown.
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        for (int tried = 0; ; tried++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (tried == BUSY_WAITS_MILLIS.length
                        || !String.valueOf(e.getMessage()).contains("error=26,")) throw e;
                try {
                    Thread.sleep(BUSY_WAITS_MILLIS[tried]);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static final long[] BUSY_WAITS_MILLIS = {10, 20, 40, 80, 160};

    public static String startProblem(IOException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : String.valueOf(e.getMessage());
        message = ERRNO.matcher(message).replaceFirst("");
        return message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    /** Stops a program that was started and will not be waited for, with every process it started. */
    public static void stop(Process process) {
        stopTree(process.toHandle());
    }

    private static int stopTree(Process process) {
        return stopTree(process.toHandle());
    }

    /**
     * Kills the program first, so it starts nothing more, then every process it had started; waits for them.
     *
     * @return how many processes the program had started
     */
    static int stopTree(ProcessHandle process) {
        List<ProcessHandle> started = process.descendants().toList();
        List<ProcessHandle> all = new ArrayList<>(started);
        all.add(0, process);
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // Not gone within the grace: nothing more can be done from here.
            }
        }
        return started.size();
    }

    private static void join(Thread reader, long nanos) throws InterruptedException {
        if (nanos > 0) reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }
}
