-- Sessions of people logged in to the server's pages. The cookie's 256-bit secret is kept only as its SHA-256
-- hash; what a session may do is its account's scopes, read at each request. H2 2.x and PostgreSQL.
CREATE TABLE sessions (
    id_hash   VARCHAR(64) PRIMARY KEY,
    person    VARCHAR(320) NOT NULL,
    created   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sessions_by_person ON sessions (person);
