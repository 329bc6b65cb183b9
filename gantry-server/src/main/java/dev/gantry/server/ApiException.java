package dev.gantry.server;

import dev.gantry.server.api.ApiError;
import dev.gantry.server.api.Problem;
import java.util.Optional;

/** A request the server answers with an error status and a sentence saying why. */
final class ApiException extends RuntimeException {

    private final int status;
    private final Optional<Problem> problem;

    ApiException(int status, String message) {
        this(status, message, Optional.empty());
    }

    ApiException(int status, String message, Optional<Problem> problem) {
        super(message);
        this.status = status;
        this.problem = problem;
    }

    int status() {
        return status;
    }

    ApiError body() {
        return new ApiError(getMessage(), problem);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
