package dev.gantry.process;

import dev.gantry.files.AtomicFile;
import dev.gantry.files.FileNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs running for keyed calls (a target's actions, by step id), written down in a folder: a coordinator
 * killed with {@code kill -9} cannot stop what it started, so the next one, before it calls the same step again,
 * stops the program left running and every process that program started. A process is known by its id and its
 * start time together, so that an id the system has given to another process since is never touched.
 */
public final class ProcessLedger {

    private static final Pattern ENTRY = Pattern.compile("(\\d{1,19}) (-?\\d{1,19})\\n?");

    private final Path folder;

    public ProcessLedger(Path folder) {
        this.folder = folder;
    }

    /** A program stopped because it was still running for its key: what it was and how many it had started. */
    public record Leftover(long pid, String command, int started) {
        @Override
        public String toString() {
            return command + " (pid " + pid + ")"
                    + (started == 0
                            ? ""
                            : " and " + started + (started == 1 ? " process" : " processes") + " it started");
        }
    }

    /**
     * Stops the program still running under {@code key} from an earlier call, with every process it started, and
     * waits for them; empty when none runs (never started, ended, or its id now names another process).
     */
    public Optional<Leftover> stopLeftover(String key) throws IOException {
        Path file = folder.resolve(FileNames.encode(key));
        String entry;
        try {
            entry = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Matcher m = ENTRY.matcher(entry);
        Optional<Leftover> stopped = Optional.empty();
        if (m.matches()) {
            long pid = Long.parseLong(m.group(1));
            long startMillis = Long.parseLong(m.group(2));
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(h -> startedAt(h, startMillis));
            if (handle.isPresent()) {
                String command = handle.get().info().command().orElse("a program");
                int started = ProgramRun.stopTree(handle.get());
                stopped = Optional.of(new Leftover(pid, command, started));
            }
        }
        Files.deleteIfExists(file);
        return stopped;
    }

    /** Writes down that {@code process} runs for {@code key}. */
    public void started(String key, ProcessHandle process) throws IOException {
        long startMillis =
                process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        AtomicFile.write(folder.resolve(FileNames.encode(key)), process.pid() + " " + startMillis + "\n");
    }

    /** Crosses out the program of {@code key}: it ended, or was stopped. */
    public void ended(String key) throws IOException {
        Files.deleteIfExists(folder.resolve(FileNames.encode(key)));
    }

    // A process whose start time the system does not tell is never taken for the one written down.
    private static boolean startedAt(ProcessHandle handle, long startMillis) {
        return startMillis >= 0
                && handle.isAlive()
                && handle.info()
                        .startInstant()
                        .map(Instant::toEpochMilli)
                        .filter(at -> at == startMillis)
                        .isPresent();
    }
}
