package dev.gantry.local.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One started instance as the state file keeps it: enough to find the process again from another Gantry process
 * and to be sure it is the same process, not a new one that was given the same pid.
 *
 * @param startedAt the process's start as the operating system reports it; empty where the system does not
 */
public record InstanceRecord(String version, int port, long pid, Optional<Instant> startedAt, Path log) {

    /** Whether the process still runs and is the one that was started, not a new one that got its pid. */
    public boolean isRunning() {
        return find().isPresent();
    }

    /** The process, when it still runs and started when it did then. */
    Optional<ProcessHandle> find() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> startedAt.isEmpty() || h.info().startInstant().equals(startedAt));
    }
}
