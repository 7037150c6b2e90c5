-- An editor's save the server stopped waiting for (25 s, under the request
-- timeout; the editor was answered 202, "still being applied"): the form
-- as it was sent, kept until the save ends, and how it ended, for the
-- editor's pages to show. A save refused when it was applied (problems, a
-- revision saved meanwhile) is in no other table: without this row, what
-- was typed into it was lost once the editor left the 202 page, and
-- nothing told them it was not saved.
CREATE TABLE late_saves (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    lang        TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    -- What the save asked for (article_edits.action) and whether it made
    -- a new article.
    action      TEXT    NOT NULL,
    new         INTEGER NOT NULL,
    -- The editor's form as typed, fields by name (JSON).
    form        TEXT    NOT NULL,
    base_id     INTEGER,
    started_at  TEXT    NOT NULL,
    -- NULL while it runs; then 'saved', 'invalid', 'conflict',
    -- 'not-applied' (saved, not served by the node that applied it) or
    -- 'failed' (not saved).
    outcome     TEXT,
    -- The revision it saved, or the one it met in a conflict.
    revision_id INTEGER,
    -- Why it was not applied or failed, as the server's log says it.
    reason      TEXT,
    ended_at    TEXT
);
CREATE INDEX late_saves_by_article ON late_saves (lang, slug, author, id);
