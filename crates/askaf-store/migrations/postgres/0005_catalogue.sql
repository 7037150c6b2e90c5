-- PostgreSQL's form of sqlite/0005_catalogue.sql.
ALTER TABLE article_revisions ADD COLUMN revision TEXT;
CREATE INDEX article_revisions_by_revision ON article_revisions (lang, slug, revision);

CREATE TABLE content_files (
    path      TEXT    PRIMARY KEY,
    size      BIGINT  NOT NULL,
    mtime_ns  BIGINT  NOT NULL,
    revision  TEXT    NOT NULL,
    front     TEXT    NOT NULL
);
