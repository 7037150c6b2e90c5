-- PostgreSQL's form of sqlite/0009_ask_counts.sql.
CREATE TABLE ask_counts (
    address TEXT    NOT NULL,
    minute  BIGINT  NOT NULL,
    n       BIGINT  NOT NULL,
    PRIMARY KEY (address, minute)
);
CREATE INDEX ask_counts_by_minute ON ask_counts (minute);
