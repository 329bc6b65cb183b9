package dev.gantry.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event to append.
 *
 * @param release the version it concerns, such as 1.4.0
 * @param environment the environment it concerns; empty for the release as a whole
 * @param kind such as approval, tick, gate, override
 * @param actor who caused it; empty for Gantry itself
 * @param payload the event's facts as JSON
 */
public record NewEvent(Instant at, String release, String environment, String kind, String actor, String payload) {

    public NewEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(kind, "kind");
        environment = environment == null ? "" : environment;
        actor = actor == null ? "" : actor;
        payload = payload == null ? "{}" : payload;
    }
}
