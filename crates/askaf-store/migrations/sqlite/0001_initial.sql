-- Every version of every article the site has served, so editors can see what changed and when.
CREATE TABLE article_revisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    lang         TEXT    NOT NULL,
    slug         TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    updated      TEXT    NOT NULL,
    markdown     TEXT    NOT NULL,
    first_seen   TEXT    NOT NULL,
    UNIQUE (lang, slug, content_hash)
);
CREATE INDEX article_revisions_by_article ON article_revisions (lang, slug, id);

-- Comments under articles; status is 'pending', 'approved', 'spam' or 'deleted'.
-- The comment issue adds moderation on top; the count on every page reads from here.
CREATE TABLE comments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    lang         TEXT    NOT NULL,
    slug         TEXT    NOT NULL,
    parent_id    INTEGER REFERENCES comments (id),
    author_name  TEXT    NOT NULL,
    author_email TEXT,
    body         TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'spam', 'deleted')),
    created_at   TEXT    NOT NULL
);
CREATE INDEX comments_by_article ON comments (lang, slug, status);
