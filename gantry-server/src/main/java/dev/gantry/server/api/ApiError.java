package dev.gantry.server.api;

/**
 * The body of every answer that is not a success: what went wrong, in a sentence a person can act on.
 *
 * @param error the sentence, such as {@code unknown environment "prod"; the plan has: staging, production}
 */
public record ApiError(String error) {}
