package dev.gantry.process;

import dev.gantry.files.AtomicFile;
import dev.gantry.files.FileNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The programs running for keyed calls (a target's actions, by step id), written down in a folder: a coordinator
 * killed with {@code kill -9} cannot stop what it started, so the next one, before it calls the same step again,
 * stops the program left running and every process that program started. A process is known by its id and its
 * start time together, so that an id the system has given to another process since is never touched.
 *
 * <p>Before the program starts, the ledger writes down the mark its environment will carry ({@link Marked}): a
 * coordinator killed between the start and the writing of the id leaves a program found by that mark, and so do
 * processes it started that outlived it.
 */
public final class ProcessLedger {

    // "PID START MARK", "- -1 MARK" while the program is being started, or "PID START" as written before marks.
    private static final Pattern ENTRY = Pattern.compile("(\\d{1,19}|-) (-?\\d{1,19})(?: ([0-9a-f-]{36}))?\\n?");

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
        Path file = file(key);
        String entry;
        try {
            entry = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Matcher m = ENTRY.matcher(entry);
        Optional<Leftover> stopped = Optional.empty();
        if (m.matches()) {
            String mark = m.group(3);
            Optional<ProcessHandle> written = m.group(1).equals("-")
                    ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(m.group(1)))
                            .filter(h -> startedAt(h, Long.parseLong(m.group(2))));
            if (written.isPresent()) {
                ProcessHandle program = written.get();
                String command = program.info().command().orElse("a program");
                int started = ProgramRun.stopTree(program) + (mark == null ? 0 : Marked.stopCarrying(mark));
                stopped = Optional.of(new Leftover(program.pid(), command, started));
            } else if (mark != null) {
                stopped = stopMarked(mark);
            }
        }
        Files.deleteIfExists(file);
        return stopped;
    }

    /**
     * Gives {@code builder}'s program a mark of its own and writes it down under {@code key}, before the program
     * starts; {@link #started} then adds its id.
     *
     * @return the mark
     */
    public String marking(String key, ProcessBuilder builder) throws IOException {
        String mark = UUID.randomUUID().toString();
        builder.environment().put(Marked.VARIABLE, mark);
        AtomicFile.write(file(key), "- -1 " + mark + "\n");
        return mark;
    }

    /** Writes down that {@code process}, started with {@code mark}, runs for {@code key}. */
    public void started(String key, String mark, ProcessHandle process) throws IOException {
        long startMillis =
                process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        AtomicFile.write(file(key), process.pid() + " " + startMillis + " " + mark + "\n");
    }

    /** Crosses out the program of {@code key}: it ended, or was stopped. */
    public void ended(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    private Path file(String key) {
        return folder.resolve(FileNames.encode(key));
    }

    /** The program whose id was never written down: the first of the processes carrying its mark, and the rest. */
    private static Optional<Leftover> stopMarked(String mark) {
        List<ProcessHandle> found = Marked.carrying(mark);
        if (found.isEmpty()) return Optional.empty();
        Set<Long> ids = found.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        ProcessHandle program = found.stream()
                .filter(h -> h.parent().map(p -> !ids.contains(p.pid())).orElse(true))
                .findFirst()
                .orElse(found.get(0));
        String command = program.info().command().orElse("a program");
        int stopped = Marked.stopCarrying(mark);
        return Optional.of(new Leftover(program.pid(), command, Math.max(0, stopped - 1)));
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
