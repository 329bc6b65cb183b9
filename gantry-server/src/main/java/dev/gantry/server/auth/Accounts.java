package dev.gantry.server.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Creates, checks, lists and removes the server's local accounts, whose people log in with a password. */
public final class Accounts {

    /** Refuses a second account for one person. */
    public static final class Taken extends IllegalArgumentException {
        Taken(String message) {
            super(message);
        }
    }

    private final AccountTable table;
    private final SessionTable sessions;
    private final Clock clock;

    public Accounts(DataSource db, Clock clock) {
        this.table = new AccountTable(db);
        this.sessions = new SessionTable(db);
        this.clock = clock;
    }

    /**
     * A new account for {@code person} with {@code scopes}, who logs in with {@code password}.
     *
     * @throws IllegalArgumentException when the name, the scopes or the password break the rules (see {@link
     *     Passwords#requireGood}); {@link Taken} when the person has an account already
     */
    public Account create(String person, Set<Scope> scopes, String password) throws SQLException {
        String name = PersonName.checked(person, "an account");
        if (scopes.isEmpty()) throw new IllegalArgumentException("an account needs at least one scope");
        Passwords.requireGood(name, password);
        String lookAlike = PersonName.lookAlike(name);
        for (Account other : table.all()) {
            if (other.person().equals(name)) throw new Taken(name + " has an account already");
            // Two accounts whose names look the same make every list, log and approval ambiguous.
            if (PersonName.lookAlike(other.person()).equals(lookAlike))
                throw new Taken("\"" + name + "\" looks like the name of an account that exists, \"" + other.person()
                        + "\" (they differ only in case or in the Unicode form of their letters): choose a name"
                        + " that differs in more");
        }
        Instant now = clock.instant();
        Account account = new Account(name, scopes, now, now);
        if (!table.insert(account, Passwords.hash(password))) throw new Taken(name + " has an account already");
        return account;
    }

    public List<Account> all() throws SQLException {
        return table.all();
    }

    public Optional<Account> find(String person) throws SQLException {
        return table.find(person).map(AccountTable.Stored::account);
    }

    /**
     * The account of {@code person} when {@code password} is its password. A person without an account takes as
     * long to refuse as a wrong password, so that the time does not tell which names have one.
     */
    public Optional<Account> check(String person, String password) throws SQLException {
        Optional<AccountTable.Stored> stored = person == null ? Optional.empty() : table.find(person.strip());
        if (stored.isEmpty()) {
            Passwords.checkNothing(password);
            return Optional.empty();
        }
        return Passwords.matches(password, stored.get().passwordHash())
                ? Optional.of(stored.get().account())
                : Optional.empty();
    }

    /**
     * Sets a new password for {@code person}, who proves the current one.
     *
     * @return false when the person has no account or {@code current} is not its password
     * @throws IllegalArgumentException when the new password breaks the rules
     */
    public boolean changePassword(String person, String current, String next) throws SQLException {
        Passwords.requireGood(person, next);
        Optional<AccountTable.Stored> stored = table.find(person);
        if (stored.isEmpty() || !Passwords.matches(current, stored.get().passwordHash())) return false;
        return table.setPassword(person, stored.get().passwordHash(), Passwords.hash(next), clock.instant());
    }

    /** Removes the account of {@code person} and ends its sessions; false when there is none. */
    public boolean remove(String person) throws SQLException {
        boolean removed = table.delete(person);
        sessions.deleteOf(person, Optional.empty());
        return removed;
    }
}
