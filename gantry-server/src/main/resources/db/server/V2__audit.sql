-- The audit log: one row per change made through the server, each hashed with the one before it, so that an
-- edit or a deletion made in the database directly is found. Rows are only ever inserted. H2 2.x and PostgreSQL.
CREATE TABLE audit (
    sequence BIGINT PRIMARY KEY,
    at       TIMESTAMP WITH TIME ZONE NOT NULL,
    actor    VARCHAR(320) NOT NULL,
    action   VARCHAR(50) NOT NULL,
    project  VARCHAR(63) NOT NULL,
    subject  VARCHAR(1000) NOT NULL,
    previous VARCHAR(64) NOT NULL,
    hash     VARCHAR(64) NOT NULL
);
