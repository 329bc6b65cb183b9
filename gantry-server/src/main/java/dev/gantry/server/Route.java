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
 * @param unleash whether it is one of Unleash's client API, which takes the token as Unleash's SDKs send it
 *     ({@code Authorization: <token>}, no scheme) as well as {@code Bearer <token>}, and no session cookie
 */
record Route(HandlerType method, String path, Optional<Scope> scope, Handler handler, boolean unleash) {

    static Route open(HandlerType method, String path, Handler handler) {
        return new Route(method, path, Optional.empty(), handler, false);
    }

    static Route of(HandlerType method, String path, Scope scope, Handler handler) {
        return new Route(method, path, Optional.of(scope), handler, false);
    }

    /** An endpoint of Unleash's client API, for Unleash's SDKs and Gantry's own. */
    static Route unleash(HandlerType method, String path, Scope scope, Handler handler) {
        return new Route(method, path, Optional.of(scope), handler, true);
    }
}
