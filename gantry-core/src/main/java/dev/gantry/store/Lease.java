package dev.gantry.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An environment held by one run: no other holder may take it before {@code expires}, which the holder pushes
 * back by renewing it. A holder that dies without releasing it keeps others out only until then.
 *
 * @param environment the environment held, such as prod
 * @param holder who holds it: one coordinator process, such as {@code ana@build-7:4242}
 * @param runId the run it is held for
 * @param expires when it stops keeping others out unless renewed
 */
public record Lease(String environment, String holder, String runId, Instant expires) {

    public Lease {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether, at {@code now}, the lease no longer keeps other holders out. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }
}
