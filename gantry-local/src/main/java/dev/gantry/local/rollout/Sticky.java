package dev.gantry.local.rollout;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.local.proxy.Stickiness;

/** The header or the cookie that keeps a user on one version, as the plan writes it: one of the two. */
@Doc("Keeps each user on one version while the weight stays or grows: the value of a header or of a cookie picks"
        + " the version; give one of header and cookie")
public record Sticky(
        @Doc("The request header whose value picks the version, such as X-User") String header,
        @Doc("The cookie whose value picks the version, such as uid") String cookie) {

    public Sticky {
        if (header != null && cookie != null) {
            throw new IllegalArgumentException("expected header or cookie, not both");
        }
        if (header == null && cookie == null) {
            throw new IllegalArgumentException("expected header: NAME or cookie: NAME, such as { header: X-User }");
        }
        if (header != null && header.isBlank())
            throw new InvalidValue("header", "expected a header name such as X-User");
        if (cookie != null && cookie.isBlank()) throw new InvalidValue("cookie", "expected a cookie name such as uid");
    }

    Stickiness stickiness() {
        return header != null ? Stickiness.header(header) : Stickiness.cookie(cookie);
    }
}
