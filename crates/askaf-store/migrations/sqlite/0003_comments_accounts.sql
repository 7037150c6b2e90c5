-- Comments grow what moderation and the spam defences need. The address is
-- kept for rate limits and bans and shown only to moderators; the email is
-- never shown on the site.
ALTER TABLE comments ADD COLUMN author_ip   TEXT;
ALTER TABLE comments ADD COLUMN fingerprint TEXT;
-- Why the comment waits (codes, comma-separated) and the same in words.
ALTER TABLE comments ADD COLUMN held_codes  TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN held_detail TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN body_html   TEXT NOT NULL DEFAULT '';
-- Set when a moderator edits the text.
ALTER TABLE comments ADD COLUMN edited_at   TEXT;
ALTER TABLE comments ADD COLUMN created_unix INTEGER NOT NULL DEFAULT 0;
CREATE INDEX comments_by_email ON comments (author_email, status);
CREATE INDEX comments_by_fingerprint ON comments (lang, slug, fingerprint);
CREATE INDEX comments_by_status ON comments (status, id);

-- Every decision about a comment, automatic or a moderator's, with its reason:
-- what was published, held or refused, and who approved, rejected or edited.
-- Refused attempts have no comment row, only this.
CREATE TABLE comment_decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at_unix    INTEGER NOT NULL,
    comment_id INTEGER,
    lang       TEXT,
    slug       TEXT,
    ip         TEXT,
    email      TEXT,
    action     TEXT    NOT NULL,
    codes      TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT '',
    actor      TEXT
);
CREATE INDEX comment_decisions_by_ip ON comment_decisions (ip, at_unix);
CREATE INDEX comment_decisions_by_email ON comment_decisions (email, at_unix);
CREATE INDEX comment_decisions_by_time ON comment_decisions (id);

-- Articles whose comments a moderator closed.
CREATE TABLE closed_articles (
    lang      TEXT NOT NULL,
    slug      TEXT NOT NULL,
    closed_at TEXT NOT NULL,
    closed_by TEXT,
    PRIMARY KEY (lang, slug)
);

-- Banned emails and network ranges, in their canonical text form.
CREATE TABLE bans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('email', 'network')),
    target     TEXT NOT NULL UNIQUE,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT
);

-- The word and pattern list moderators edit: one row, the whole text.
CREATE TABLE spam_patterns (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);

-- The people who run the site.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    username            TEXT NOT NULL UNIQUE,
    role                TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'moderator')),
    password_hash       TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

-- Logged-in sessions; only a hash of the cookie's token is kept.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_unix INTEGER NOT NULL,
    expires_unix INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed logins, for throttling per account and per address.
CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    ip       TEXT NOT NULL,
    at_unix  INTEGER NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (username, at_unix);
CREATE INDEX login_failures_by_ip ON login_failures (ip, at_unix);

-- Secrets the site generates once and every node shares (the signing key).
CREATE TABLE site_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
