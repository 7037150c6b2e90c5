-- PostgreSQL's form of sqlite/0011_media.sql.
CREATE TABLE media (
    name          TEXT    PRIMARY KEY,
    bytes         BYTEA   NOT NULL,
    size          BIGINT  NOT NULL,
    uploaded_by   TEXT    NOT NULL,
    uploaded_at   TEXT    NOT NULL,
    original_name TEXT    NOT NULL
);
