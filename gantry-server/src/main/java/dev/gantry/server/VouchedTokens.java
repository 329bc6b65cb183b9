package dev.gantry.server;

import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditFinding;
import dev.gantry.server.audit.Vouched;
import dev.gantry.server.auth.ApiToken;
import dev.gantry.server.auth.Tokens;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens table held against the log: each token was issued, and maybe revoked, by an entry that names its person,
 * scopes and expiry. A scope added, an expiry pushed back, a revocation undone or a token slipped in through the
 * database shows.
 */
final class VouchedTokens implements Vouched {

    private static final Pattern ISSUED = Pattern.compile("token (\\S+) for (.+) \\(([^()]*)\\) until (\\S+)");
    private static final Pattern REVOKED = Pattern.compile("token (\\S+)");

    private final Tokens tokens;

    VouchedTokens(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public List<AuditFinding> against(List<AuditEntry> entries) throws SQLException {
        Map<String, AuditEntry> issued = new HashMap<>();
        Map<String, AuditEntry> revoked = new HashMap<>();
        for (AuditEntry entry : entries) {
            if (entry.action() == AuditAction.TOKEN_ISSUED) {
                Matcher m = ISSUED.matcher(entry.subject());
                if (m.matches()) issued.put(m.group(1), entry);
            } else if (entry.action() == AuditAction.TOKEN_REVOKED) {
                Matcher m = REVOKED.matcher(entry.subject());
                if (m.matches()) revoked.put(m.group(1), entry);
            }
        }
        List<AuditFinding> findings = new ArrayList<>();
        Map<String, ApiToken> rows = new HashMap<>();
        for (ApiToken token : tokens.all()) {
            rows.put(token.id(), token);
            AuditEntry entry = issued.get(token.id());
            if (entry == null) {
                findings.add(new AuditFinding(
                        0,
                        "token " + token.id() + " of " + token.person()
                                + " is in the tokens table, but no entry of the log issued it: it was added in the database, or"
                                + " its entry was deleted"));
                continue;
            }
            if (!sameAsIssued(entry.subject(), token)) {
                findings.add(new AuditFinding(
                        entry.sequence(),
                        "token " + token.id() + " was changed in the database: issued as \"" + entry.subject()
                                + "\", now \"" + ApiHandlers.subject(token) + "\""));
            }
            AuditEntry revocation = revoked.get(token.id());
            if (revocation != null && token.revoked().isEmpty()) {
                findings.add(new AuditFinding(
                        revocation.sequence(),
                        "token " + token.id() + " was revoked, but the database has it in force again"));
            }
        }
        issued.forEach((id, entry) -> {
            if (!rows.containsKey(id))
                findings.add(new AuditFinding(
                        entry.sequence(),
                        "token " + id + " is gone from the tokens table: it was deleted in the database"));
        });
        findings.sort(java.util.Comparator.comparingLong(AuditFinding::sequence));
        return findings;
    }

    /** Whether the token is as its entry issued it: person, scopes, and expiry as far as the database keeps it. */
    private static boolean sameAsIssued(String subject, ApiToken token) {
        Matcher m = ISSUED.matcher(subject);
        Matcher now = ISSUED.matcher(ApiHandlers.subject(token));
        if (!m.matches() || !now.matches()) return false;
        if (!m.group(2).equals(now.group(2)) || !m.group(3).equals(now.group(3))) return false;
        try {
            // The database keeps microseconds, rounded: the entry's nanoseconds are within one of them.
            return java.time.Duration.between(Instant.parse(m.group(4)), Instant.parse(now.group(4)))
                            .abs()
                            .compareTo(java.time.Duration.of(1, ChronoUnit.MICROS))
                    < 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
