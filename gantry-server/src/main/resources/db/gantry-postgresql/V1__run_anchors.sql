-- The last link of each run's chain of events, kept apart from the events (see Anchors): on PostgreSQL a table,
-- where H2 keeps a file per run beside its database. PostgreSQL only, so these migrations have a history table of
-- their own (flyway_postgresql_history) and number their versions apart from the shared ones in db/gantry.
CREATE TABLE run_anchors (
    environment VARCHAR(200) NOT NULL,
    run_id      VARCHAR(200) NOT NULL,
    sequence    BIGINT NOT NULL CHECK (sequence > 0),
    hash        VARCHAR(128) NOT NULL,
    PRIMARY KEY (environment, run_id)
);
