package dev.gantry.server;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a request that changes something came from the server's own pages, as far as the browser says: its
 * {@code Origin}, or else its {@code Referer}, names the host the request was sent to. A request with neither (an
 * older browser, a privacy setting) is judged by its CSRF token alone.
 */
final class SameOrigin {

    private SameOrigin() {}

    /** Why the request is refused, or empty when its origin is the server's or unknown. */
    static Optional<String> refusal(Context ctx) {
        String origin = ctx.header("Origin");
        String which = "Origin";
        if (origin == null) {
            origin = ctx.header("Referer");
            which = "Referer";
            if (origin == null) return Optional.empty();
        }
        String host = ctx.header("Host");
        if (host != null && matches(origin.strip(), host.strip())) return Optional.empty();
        return Optional.of("the request came from another site (" + which + ": " + shown(origin)
                + "); a change with a session cookie is taken only from the server's own pages");
    }

    /** Whether the URL's host and port are those of the {@code Host} header, ports by default as the URL's scheme. */
    static boolean matches(String url, String hostHeader) {
        URI from;
        URI to;
        try {
            from = new URI(url);
            if (from.getScheme() == null || from.getHost() == null) return false;
            to = new URI(from.getScheme() + "://" + hostHeader + "/");
            if (to.getHost() == null) return false;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = from.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return false;
        return from.getHost().equalsIgnoreCase(to.getHost()) && port(from, scheme) == port(to, scheme);
    }

    private static int port(URI uri, String scheme) {
        return uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    }

    /** The header as it may be shown back: at most 100 characters, no control characters. */
    private static String shown(String header) {
        String text = header.length() > 100 ? header.substring(0, 100) + "..." : header;
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
