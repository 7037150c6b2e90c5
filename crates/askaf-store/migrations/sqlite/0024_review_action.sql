-- Submitting a draft for review is a revision of its own, action 'review',
-- so that the history says so (it was recorded as 'draft', "Saved as a
-- draft"). SQLite cannot change a CHECK in place, so article_edits is
-- rebuilt, as 0006 rebuilt users: editor_articles, which refers to it, is
-- kept aside and made again, and the id sequence keeps counting from where
-- it was (a revision's id is what forms post).
CREATE TABLE article_edits_new (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    lang      TEXT    NOT NULL,
    slug      TEXT    NOT NULL,
    source    TEXT    NOT NULL,
    title     TEXT    NOT NULL,
    author    TEXT,
    saved_at  TEXT    NOT NULL,
    action    TEXT    NOT NULL CHECK (action IN ('draft', 'publish', 'unpublish', 'restore', 'file', 'review')),
    base_id   INTEGER
);
INSERT INTO article_edits_new (id, lang, slug, source, title, author, saved_at, action, base_id)
    SELECT id, lang, slug, source, title, author, saved_at, action, base_id FROM article_edits;
CREATE TABLE article_edits_seq_kept AS SELECT seq FROM sqlite_sequence WHERE name = 'article_edits';
CREATE TABLE editor_articles_kept AS
    SELECT lang, slug, path, head_id, published_id, file_revision, updated_at FROM editor_articles;
DROP TABLE editor_articles;
DROP TABLE article_edits;
ALTER TABLE article_edits_new RENAME TO article_edits;
CREATE INDEX article_edits_by_article ON article_edits (lang, slug, id);
DELETE FROM sqlite_sequence WHERE name = 'article_edits';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'article_edits', MAX(seq)
    FROM (SELECT seq FROM article_edits_seq_kept UNION ALL SELECT MAX(id) AS seq FROM article_edits)
    HAVING MAX(seq) IS NOT NULL;
DROP TABLE article_edits_seq_kept;
CREATE TABLE editor_articles (
    lang          TEXT    NOT NULL,
    slug          TEXT    NOT NULL,
    -- The path the site knows the article by: its content file, or
    -- editor:LANG/SLUG.md for an article born in the editor.
    path          TEXT    NOT NULL,
    head_id       INTEGER NOT NULL REFERENCES article_edits (id),
    published_id  INTEGER REFERENCES article_edits (id),
    -- The content file's revision when last seen: at start, an unchanged
    -- file keeps the editor's version; a changed one is newer and wins.
    file_revision TEXT,
    updated_at    TEXT    NOT NULL,
    PRIMARY KEY (lang, slug)
);
INSERT INTO editor_articles (lang, slug, path, head_id, published_id, file_revision, updated_at)
    SELECT lang, slug, path, head_id, published_id, file_revision, updated_at FROM editor_articles_kept;
DROP TABLE editor_articles_kept;
