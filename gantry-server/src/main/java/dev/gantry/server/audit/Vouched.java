package dev.gantry.server.audit;

import java.sql.SQLException;
import java.util.List;

/**
 * Records the audit log vouches for, such as the tokens in force: each was made by a change the log has an entry
 * of, so a record changed in the database behind the server's back no longer matches its entries.
 */
public interface Vouched {

    /** What differs between the records and what {@code entries} (oldest first) say made them. */
    List<AuditFinding> against(List<AuditEntry> entries) throws SQLException;
}
