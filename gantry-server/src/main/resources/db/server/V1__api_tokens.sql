-- The server's API tokens. The secret is kept only as its SHA-256 hash. Written for both H2 2.x and PostgreSQL.
CREATE TABLE api_tokens (
    id          VARCHAR(12) PRIMARY KEY,
    person      VARCHAR(320) NOT NULL,
    scopes      VARCHAR(100) NOT NULL,
    secret_hash VARCHAR(64) NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked     TIMESTAMP WITH TIME ZONE
);
