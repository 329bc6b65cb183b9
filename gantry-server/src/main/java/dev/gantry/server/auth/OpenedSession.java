package dev.gantry.server.auth;

/**
 * A session just opened: its record, the cookie's value to give the browser (kept nowhere by the server) and the
 * CSRF token its pages carry.
 */
public record OpenedSession(Session session, String cookie, String csrfToken) {

    @Override
    public String toString() {
        return "OpenedSession[" + session + ", cookie=(hidden)]";
    }
}
