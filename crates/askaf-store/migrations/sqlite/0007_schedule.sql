-- Publishing at a time (issue 12, item 3). At most one row per article:
-- when `due_unix` comes, the article's newest saved revision is published
-- (as WordPress publishes a scheduled post as it stands), by the account
-- that scheduled it. Scheduling again moves the time; publishing or
-- unpublishing by hand removes the row. `claimed_until` is a lease: the
-- server (or one of several) publishing it holds it for a minute, so a
-- crash midway leaves it to be published again, never twice at once.
CREATE TABLE scheduled_publications (
    lang          TEXT    NOT NULL,
    slug          TEXT    NOT NULL,
    due_unix      INTEGER NOT NULL,
    scheduled_by  TEXT    NOT NULL,
    scheduled_at  TEXT    NOT NULL,
    claimed_until INTEGER,
    PRIMARY KEY (lang, slug)
);
CREATE INDEX scheduled_publications_by_due ON scheduled_publications (due_unix);
