-- Logins through the OpenID Connect provider under way, kept where every replica finds them: a login started on one
-- server finishes on any. The state is kept only as its SHA-256 hash; a row is deleted as its login finishes (once)
-- and forgotten once older than the login's lifetime. H2 2.x and PostgreSQL.
CREATE TABLE oidc_logins (
    state_hash VARCHAR(64) PRIMARY KEY,
    nonce      VARCHAR(64) NOT NULL,
    verifier   VARCHAR(64) NOT NULL,
    next_path  VARCHAR(2000) NOT NULL,
    started    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oidc_logins_by_start ON oidc_logins (started);
