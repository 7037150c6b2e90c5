-- PostgreSQL's form of sqlite/0023_content_dirs.sql.
CREATE TABLE content_dirs (
    dir        TEXT    PRIMARY KEY,
    looked_at  BIGINT  NOT NULL
);
