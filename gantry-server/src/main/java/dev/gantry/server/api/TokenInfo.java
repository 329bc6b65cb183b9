package dev.gantry.server.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A token as the server shows it: never its secret.
 *
 * @param id the public part of the token, which names it for {@code gantry token revoke}
 * @param revoked when it was revoked, if it was
 * @param lastUsed when it was last used, give or take a minute
 * @param lastAddress the client address it was last used from
 */
public record TokenInfo(
        String id,
        String person,
        List<String> scopes,
        Instant created,
        Instant expires,
        Optional<Instant> revoked,
        Optional<Instant> lastUsed,
        Optional<String> lastAddress) {}
