package dev.gantry.notify;

import dev.gantry.version.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notification to send, and a context whose pauses are recorded instead of waited for. */
final class Fixtures {

    static final String COMMIT = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    static final Instant AT = Instant.parse("2026-03-19T14:05:00Z");

    private Fixtures() {}

    static Notification rolledBack() {
        return new Notification(
                NotificationKind.ROLLED_BACK,
                "run-42",
                "production",
                Version.parse("1.4.0"),
                COMMIT,
                "DEP-010: error_rate 4.2% > 2% for 5m",
                AT,
                Optional.of("https://ci.example.com/runs/42/report.html"));
    }

    /** The pauses a notifier asked for, in order; none of them is waited for. */
    static final class Pauses implements Pause {
        private final List<Duration> asked = new CopyOnWriteArrayList<>();

        @Override
        public void waitFor(Duration duration) {
            asked.add(duration);
        }

        List<Duration> asked() {
            return List.copyOf(asked);
        }

        NotifierContext context(Map<String, String> variables) {
            return new NotifierContext(variables, this);
        }
    }
}
