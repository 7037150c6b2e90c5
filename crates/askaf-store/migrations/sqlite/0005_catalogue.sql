-- The store is the record of the articles: a page is rendered from the
-- revision it names (its file's hash), not from text held in memory.
ALTER TABLE article_revisions ADD COLUMN revision TEXT;
CREATE INDEX article_revisions_by_revision ON article_revisions (lang, slug, revision);

-- The content files as last read. At start, a file whose size and
-- modification time are what this says is not read again: its article
-- (front matter, as JSON) comes from here, so a restart of a large site
-- reads a directory listing, not every file. A file modified too close to
-- when it was read is recorded with mtime_ns -1, and read again next time.
CREATE TABLE content_files (
    path      TEXT    PRIMARY KEY,
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    revision  TEXT    NOT NULL,
    front     TEXT    NOT NULL
);
