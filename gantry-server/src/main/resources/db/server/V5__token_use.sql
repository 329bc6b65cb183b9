-- When and from where each token was last used, and every address each token was ever used from: a token used
-- from an address it never came from before is an audit entry. H2 2.x and PostgreSQL.
ALTER TABLE api_tokens ADD COLUMN last_used TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_tokens ADD COLUMN last_address VARCHAR(100);
CREATE TABLE token_addresses (
    token_id   VARCHAR(12) NOT NULL,
    address    VARCHAR(100) NOT NULL,
    first_used TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (token_id, address)
);
