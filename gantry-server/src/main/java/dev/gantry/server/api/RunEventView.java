package dev.gantry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event of a run as the store holds it.
 *
 * @param sequence its place in the store: ask for the events after it to follow the run
 * @param kind the stored kind, such as {@code run.sampled}
 * @param event the event's fields
 */
public record RunEventView(long sequence, Instant at, String kind, JsonNode event, String hash) {}
