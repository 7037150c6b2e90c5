-- Articles written in the browser (issue 12). The store is the record: an
-- editor's save is a row of article_edits (the whole article as its file
-- would hold it, who saved it and when); editor_articles says which of them
-- the editor opens (head) and which one the site serves (published, NULL
-- when the article is a draft or unpublished). A content file's change to
-- an article the editor has touched is recorded here too, as an edit with
-- no author, so the history and the conflict check see it.
-- Plain SQL types only: issue 13 runs the same schema on PostgreSQL.
CREATE TABLE article_edits (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    lang      TEXT    NOT NULL,
    slug      TEXT    NOT NULL,
    source    TEXT    NOT NULL,
    title     TEXT    NOT NULL,
    author    TEXT,
    saved_at  TEXT    NOT NULL,
    action    TEXT    NOT NULL CHECK (action IN ('draft', 'publish', 'unpublish', 'restore', 'file')),
    base_id   INTEGER
);
CREATE INDEX article_edits_by_article ON article_edits (lang, slug, id);

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

-- A new role: an author writes drafts, an editor publishes. SQLite cannot
-- change a CHECK in place, so the accounts table is rebuilt, its sessions kept.
CREATE TABLE users_new (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    username            TEXT NOT NULL UNIQUE,
    role                TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'moderator', 'author')),
    password_hash       TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);
INSERT INTO users_new (id, username, role, password_hash, created_at, password_changed_at)
    SELECT id, username, role, password_hash, created_at, password_changed_at FROM users;
CREATE TABLE sessions_kept AS SELECT token_hash, user_id, created_unix, expires_unix FROM sessions;
DROP TABLE sessions;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_unix INTEGER NOT NULL,
    expires_unix INTEGER NOT NULL
);
INSERT INTO sessions (token_hash, user_id, created_unix, expires_unix)
    SELECT token_hash, user_id, created_unix, expires_unix FROM sessions_kept;
DROP TABLE sessions_kept;
CREATE INDEX sessions_by_user ON sessions (user_id);
