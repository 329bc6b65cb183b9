package dev.gantry.server;

import java.io.PrintStream;
import java.time.Clock;

/**
 * The server's log: one line per thing an operator may need to know (a project cloned, a token refused, an error),
 * with its time. Never a token, a password or a request's body.
 */
public final class ServerLog {

    private final PrintStream out;
    private final Clock clock;

    public ServerLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public synchronized void say(String line) {
        out.println(clock.instant() + " " + line);
        out.flush();
    }

    public synchronized void error(String line, Throwable e) {
        out.println(clock.instant() + " " + line);
        e.printStackTrace(out);
        out.flush();
    }
}
