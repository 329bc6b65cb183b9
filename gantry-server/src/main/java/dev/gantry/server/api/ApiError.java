package dev.gantry.server.api;

import java.util.Optional;

/**
 * The body of every answer that is not a success: what went wrong, in a sentence a person can act on.
 *
 * @param error the sentence, such as {@code unknown environment "prod"; the plan has: staging, production}
 * @param problem what it is, where a client acts on it by kind
 */
public record ApiError(String error, Optional<Problem> problem) {

    public ApiError(String error) {
        this(error, Optional.empty());
    }
}
