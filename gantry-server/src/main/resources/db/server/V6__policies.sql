-- Each project's release policy, set by an admin through the API and kept out of the project's repository: the
-- document as written, its SHA-256 (which the audit log names), and who set it when. H2 2.x and PostgreSQL.
CREATE TABLE project_policies (
    project  VARCHAR(63) PRIMARY KEY,
    document TEXT NOT NULL,
    hash     VARCHAR(64) NOT NULL,
    set_by   VARCHAR(320) NOT NULL,
    set_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
