-- Keys the servers sharing this database sign with, such as the one that makes the login form's tokens, so that a
-- form one replica rendered is taken by any. Made once, by the first server that needs one. H2 2.x and PostgreSQL.
CREATE TABLE server_keys (
    name   VARCHAR(63) PRIMARY KEY,
    secret VARCHAR(128) NOT NULL
);
