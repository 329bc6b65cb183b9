-- Which run holds each environment, and until when. Unlike events, rows are updated in place: a lease is
-- taken over when it has expired, renewed by its holder, and deleted when released. Written for both H2 2.x
-- and PostgreSQL; the primary key is what lets exactly one of two racing takers insert the first row.
CREATE TABLE leases (
    environment VARCHAR(200) PRIMARY KEY,
    holder      VARCHAR(320) NOT NULL,
    run_id      VARCHAR(200) NOT NULL,
    expires     TIMESTAMP WITH TIME ZONE NOT NULL
);
