-- Local accounts: a person who logs in with a password, kept only as its argon2id hash (the PHC string, which
-- holds the salt and the parameters). H2 2.x and PostgreSQL.
CREATE TABLE accounts (
    person           VARCHAR(320) PRIMARY KEY,
    scopes           VARCHAR(100) NOT NULL,
    password_hash    VARCHAR(200) NOT NULL,
    created          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed TIMESTAMP WITH TIME ZONE NOT NULL
);
