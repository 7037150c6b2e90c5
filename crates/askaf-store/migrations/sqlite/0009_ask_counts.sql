-- Questions asked per address per minute, counted in the database so that
-- several nodes on one database share the Ask rate limit (used on
-- PostgreSQL; a single SQLite server counts in memory). Old minutes are
-- deleted as new ones begin.
CREATE TABLE ask_counts (
    address TEXT    NOT NULL,
    minute  INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (address, minute)
);
CREATE INDEX ask_counts_by_minute ON ask_counts (minute);
