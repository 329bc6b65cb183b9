package dev.gantry.server.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Issues, checks, lists and revokes the server's API tokens, for people and for CI. */
public final class Tokens {

    /** The longest a token may live: a token that never expires is a leak that never ends. */
    public static final Duration LONGEST = Duration.ofDays(366);

    private final TokenTable table;
    private final Clock clock;

    public Tokens(DataSource db, Clock clock) {
        this.table = new TokenTable(db);
        this.clock = clock;
    }

    /**
     * A new token for {@code person} with {@code scopes}, in force for {@code lifetime}.
     *
     * @throws IllegalArgumentException when the person is blank, no scope is given, or the lifetime is not
     *     positive or longer than {@link #LONGEST}
     */
    public IssuedToken issue(String person, Set<Scope> scopes, Duration lifetime) throws SQLException {
        String name = PersonName.checked(person, "a token");
        if (scopes.isEmpty()) throw new IllegalArgumentException("a token needs at least one scope");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0)
            throw new IllegalArgumentException("a token lives more than 0 seconds and at most 366 days");
        TokenText text = TokenText.random();
        Instant now = clock.instant();
        ApiToken token = new ApiToken(text.id(), name, scopes, now, now.plus(lifetime), Optional.empty());
        table.insert(token, text.secretHash());
        return new IssuedToken(token, text.text());
    }

    /** The token that {@code text} proves, when it is one the server issued and it is still in force. */
    public Optional<ApiToken> check(String text) throws SQLException {
        Optional<TokenText> parsed = TokenText.parse(text);
        if (parsed.isEmpty()) return Optional.empty();
        Optional<TokenTable.Stored> stored = table.find(parsed.get().id());
        if (stored.isEmpty() || !parsed.get().matches(stored.get().secretHash())) return Optional.empty();
        return Optional.of(stored.get().token()).filter(t -> t.validAt(clock.instant()));
    }

    /**
     * Keeps that {@code token} was used now from {@code address}: its last use, written at most once a minute from
     * one address, and every address it came from.
     *
     * @return whether the token was never used from that address before
     */
    public boolean used(ApiToken token, String address) throws SQLException {
        // An address longer than the column is no address a socket gives; kept cut rather than failing the request.
        TokenUse use = new TokenUse(clock.instant(), address.length() > 100 ? address.substring(0, 100) : address);
        boolean fresh = token.lastUse()
                .map(last -> !last.address().equals(use.address())
                        || !use.at().isBefore(last.at().plus(Duration.ofMinutes(1))))
                .orElse(true);
        if (!fresh) return false;
        table.used(token.id(), use);
        return table.firstFrom(token.id(), use);
    }

    public List<ApiToken> all() throws SQLException {
        return table.all();
    }

    /** Revokes the token {@code id}; false when no token in force has that id. */
    public boolean revoke(String id) throws SQLException {
        return table.revoke(id, clock.instant());
    }

    /** Whether no token was ever issued: a server's first start. */
    public boolean none() throws SQLException {
        return table.isEmpty();
    }
}
