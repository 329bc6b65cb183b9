package dev.gantry.server;

import dev.gantry.server.api.ApiError;
import dev.gantry.server.api.Problem;
import java.util.Optional;

/** A request the server answers with an error status and a sentence saying why. */
final class ApiException extends RuntimeException {

    private final int status;
    private final Optional<Problem> problem;
    private final Optional<String> location;

    ApiException(int status, String message) {
        this(status, message, Optional.empty());
    }

    ApiException(int status, String message, Optional<Problem> problem) {
        this(status, message, problem, Optional.empty());
    }

    private ApiException(int status, String message, Optional<Problem> problem, Optional<String> location) {
        super(message);
        this.status = status;
        this.problem = problem;
        this.location = location;
    }

    /** A page to go to instead: the browser is sent there with 303 See Other. */
    static ApiException redirect(String location) {
        return new ApiException(303, "see " + location, Optional.empty(), Optional.of(location));
    }

    Optional<String> location() {
        return location;
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

    /** An environment the plan does not have, refused as the command line refuses it: with those it has. */
    static ApiException unknownEnvironment(dev.gantry.plan.Plan plan, String name) {
        return notFound("unknown environment \"" + name + "\"; the plan has: "
                + String.join(
                        ", ",
                        plan.environments().stream()
                                .map(dev.gantry.plan.Environment::name)
                                .toList()));
    }

    /** No release-worthy commits up to {@code commit}: the command line's exit 3. */
    static ApiException nothingToRelease(String commit) {
        return new ApiException(
                409,
                "nothing to release: no release-worthy commits since the last release (commit " + commit.substring(0, 7)
                        + ")",
                Optional.of(Problem.NOTHING_TO_RELEASE));
    }
}
