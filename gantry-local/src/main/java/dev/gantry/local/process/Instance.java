package dev.gantry.local.process;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** One running (or ended) instance of a version: its process, port and log. */
public final class Instance {

    private final InstanceRecord record;
    private final ProcessHandle handle;
    private final Optional<Process> process;

    Instance(InstanceRecord record, ProcessHandle handle, Optional<Process> process) {
        this.record = record;
        this.handle = handle;
        this.process = process;
    }

    public String version() {
        return record.version();
    }

    public int port() {
        return record.port();
    }

    public long pid() {
        return record.pid();
    }

    public InstanceRecord record() {
        return record;
    }

    ProcessHandle handle() {
        return handle;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** Completes when the process has ended, however it ended. */
    public CompletableFuture<Instance> onExit() {
        return handle.onExit().thenApply(h -> this);
    }

    /** The exit code, known for an ended instance this process started, not for one found in a state file. */
    public OptionalInt exitCode() {
        if (process.isEmpty() || handle.isAlive()) return OptionalInt.empty();
        // The process handle sees the exit before the JVM has reaped the child: wait for that, it is a matter
        // of the reaper thread's next turn.
        try {
            if (!process.get().waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
        return OptionalInt.of(process.get().exitValue());
    }

    @Override
    public String toString() {
        return "instance " + record.version() + " on port " + record.port() + " (pid " + record.pid() + ")";
    }
}
