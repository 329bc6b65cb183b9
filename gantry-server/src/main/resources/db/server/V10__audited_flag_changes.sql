-- The flag changes the server made on its own (a run's rollback turned a flag off) whose audit entry is written:
-- inserted in the entry's own transaction, so that each such change has exactly one entry, whichever server writes
-- it and whenever; entry is the audit entry's sequence. Rows are only ever inserted. H2 2.x and PostgreSQL.
CREATE TABLE audited_flag_changes (
    project     VARCHAR(63) NOT NULL,
    flag_change BIGINT NOT NULL,
    entry       BIGINT NOT NULL,
    PRIMARY KEY (project, flag_change)
);
