package dev.gantry.server;

import dev.gantry.server.auth.Scope;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * One endpoint of the API.
 *
 * @param path as Javalin writes it, such as {@code /api/projects/{project}/status}
 * @param scope what a token needs to call it; empty only for the health check
 */
record Route(HandlerType method, String path, Optional<Scope> scope, Handler handler) {

    static Route open(HandlerType method, String path, Handler handler) {
        return new Route(method, path, Optional.empty(), handler);
    }

    static Route of(HandlerType method, String path, Scope scope, Handler handler) {
        return new Route(method, path, Optional.of(scope), handler);
    }
}
