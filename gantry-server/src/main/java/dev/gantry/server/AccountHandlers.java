package dev.gantry.server;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.gantry.server.api.AccountInfo;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.PasswordChange;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Account;
import dev.gantry.server.auth.Accounts;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Session;
import dev.gantry.server.auth.Sessions;
import dev.gantry.server.auth.Throttle;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The endpoints of local accounts: an admin creates, lists and removes them; a person changes their password. */
final class AccountHandlers {

    private final Accounts accounts;
    private final Sessions sessions;
    private final Throttle people;
    private final Throttle addresses;
    private final AuditLog audit;
    private final Clock clock;
    private final Runnable ended;

    /**
     * @param people counts wrong passwords per person, with the login form: a stolen session guesses no better
     * @param addresses counts wrong passwords per client address, with wrong tokens and the login form: one client
     *     guessing the current passwords of many accounts is shut out too
     * @param ended told when sessions end here, so that the streams they opened are cut at once
     */
    AccountHandlers(
            Accounts accounts,
            Sessions sessions,
            Throttle people,
            Throttle addresses,
            AuditLog audit,
            Clock clock,
            Runnable ended) {
        this.ended = ended;
        this.addresses = addresses;
        this.accounts = accounts;
        this.sessions = sessions;
        this.people = people;
        this.audit = audit;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.of(GET, "/api/accounts", Scope.ADMIN, this::list),
                Route.of(POST, "/api/accounts", Scope.ADMIN, this::create),
                Route.of(DELETE, "/api/accounts/{person}", Scope.ADMIN, this::remove),
                // Every caller may read, so this is the least scope: the password proves the rest.
                Route.of(POST, "/api/account/password", Scope.READ, this::changePassword));
    }

    private void list(Context ctx) throws Exception {
        ctx.json(accounts.all().stream().map(AccountHandlers::info).toList());
    }

    private void create(Context ctx) throws Exception {
        ApiHandlers.audited(audit);
        AccountRequest request =
                ApiHandlers.body(ctx, AccountRequest.class, "{\"person\": ..., \"scopes\": [...], \"password\": ...}");
        if (request.scopes() == null) throw ApiException.badRequest("an account needs at least one scope");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String label : request.scopes()) {
            scopes.add(Scope.of(String.valueOf(label))
                    .orElseThrow(() -> ApiException.badRequest(
                            "unknown scope \"" + label + "\"; an account may have: read, approve, operate, admin")));
        }
        Account account;
        try {
            account = accounts.create(request.person(), scopes, request.password());
        } catch (Accounts.Taken e) {
            throw new ApiException(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        audit.append(
                clock.instant(),
                Access.caller(ctx).person(),
                AuditAction.ACCOUNT_CREATED,
                "",
                "account of " + account.person() + " ("
                        + String.join(", ", info(account).scopes()) + ")");
        ctx.status(201).json(info(account));
    }

    private void remove(Context ctx) throws Exception {
        ApiHandlers.audited(audit);
        String person = ctx.pathParam("person");
        if (!accounts.remove(person)) throw ApiException.notFound("nobody named \"" + person + "\" has an account");
        ended.run();
        audit.append(
                clock.instant(), Access.caller(ctx).person(), AuditAction.ACCOUNT_REMOVED, "", "account of " + person);
        ctx.status(204);
    }

    private void changePassword(Context ctx) throws Exception {
        ApiHandlers.audited(audit);
        PasswordChange change = ApiHandlers.body(ctx, PasswordChange.class, "{\"current\": ..., \"password\": ...}");
        String person = Access.caller(ctx).person();
        if (change.current() == null || change.password() == null)
            throw ApiException.badRequest("the request needs the current password and the new one");
        if (accounts.find(person).isEmpty())
            throw ApiException.notFound(person + " has no account here, so no password to change");
        String address = ClientAddress.of(ctx);
        Optional<java.time.Duration> fromHere = addresses.wait(address);
        if (fromHere.isPresent())
            throw new ApiException(
                    429,
                    "too many wrong tokens or passwords from " + address + "; try again in "
                            + Access.retryAfter(ctx, fromHere.get()) + " s");
        Optional<java.time.Duration> wait = people.wait(person);
        if (wait.isPresent())
            throw new ApiException(
                    429,
                    "too many wrong passwords for " + person + "; try again in " + Access.retryAfter(ctx, wait.get())
                            + " s");
        boolean changed;
        try {
            changed = accounts.changePassword(person, change.current(), change.password());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!changed) {
            people.failed(person);
            addresses.failed(address);
            throw new ApiException(403, "the current password is not the account's");
        }
        // Whoever else holds a session of the account (one the old password opened) is logged out.
        sessions.endOthers(person, Access.caller(ctx) instanceof Session s ? Optional.of(s) : Optional.empty());
        ended.run();
        audit.append(clock.instant(), person, AuditAction.PASSWORD_CHANGED, "", "account of " + person);
        ctx.status(204);
    }

    static AccountInfo info(Account account) {
        return new AccountInfo(
                account.person(),
                account.scopes().stream().map(Scope::label).sorted().toList(),
                account.created(),
                account.passwordChanged());
    }
}
