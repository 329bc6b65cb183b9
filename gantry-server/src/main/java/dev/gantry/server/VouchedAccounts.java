package dev.gantry.server;

import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditFinding;
import dev.gantry.server.audit.Vouched;
import dev.gantry.server.auth.Account;
import dev.gantry.server.auth.Accounts;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accounts table held against the log: each account was created with its scopes, and maybe removed, by an
 * entry. A scope given in the database, a removed account brought back or one slipped in shows.
 */
final class VouchedAccounts implements Vouched {

    private static final Pattern CREATED = Pattern.compile("account of (.+) \\(([^()]*)\\)");
    private static final Pattern REMOVED = Pattern.compile("account of (.+)");

    private final Accounts accounts;

    VouchedAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public List<AuditFinding> against(List<AuditEntry> entries) throws SQLException {
        // Each person's last account entry, in the log's order: created (with its scopes) or removed.
        Map<String, AuditEntry> last = new HashMap<>();
        for (AuditEntry entry : entries) {
            Matcher m = (entry.action() == AuditAction.ACCOUNT_CREATED ? CREATED : REMOVED).matcher(entry.subject());
            boolean account =
                    entry.action() == AuditAction.ACCOUNT_CREATED || entry.action() == AuditAction.ACCOUNT_REMOVED;
            if (account && m.matches()) last.put(m.group(1), entry);
        }
        List<AuditFinding> findings = new ArrayList<>();
        Map<String, Account> rows = new HashMap<>();
        for (Account account : accounts.all()) {
            rows.put(account.person(), account);
            AuditEntry entry = last.get(account.person());
            if (entry == null) {
                findings.add(new AuditFinding(
                        0,
                        "the account of " + account.person()
                                + " is in the accounts table, but no entry of the log created it: it was added in the database,"
                                + " or its entry was deleted"));
            } else if (entry.action() == AuditAction.ACCOUNT_REMOVED) {
                findings.add(new AuditFinding(
                        entry.sequence(),
                        "the account of " + account.person() + " was removed, but the database has it again"));
            } else {
                String scopes = String.join(", ", AccountHandlers.info(account).scopes());
                Matcher m = CREATED.matcher(entry.subject());
                if (m.matches() && !m.group(2).equals(scopes)) {
                    findings.add(new AuditFinding(
                            entry.sequence(),
                            "the account of " + account.person() + " was changed in the database: created with ("
                                    + m.group(2) + "), now (" + scopes + ")"));
                }
            }
        }
        last.forEach((person, entry) -> {
            if (entry.action() == AuditAction.ACCOUNT_CREATED && !rows.containsKey(person))
                findings.add(new AuditFinding(
                        entry.sequence(),
                        "the account of " + person
                                + " is gone from the accounts table: it was deleted in the database"));
        });
        findings.sort(java.util.Comparator.comparingLong(AuditFinding::sequence));
        return findings;
    }
}
