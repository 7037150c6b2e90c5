-- PostgreSQL's form of sqlite/0007_schedule.sql.
CREATE TABLE scheduled_publications (
    lang          TEXT    NOT NULL,
    slug          TEXT    NOT NULL,
    due_unix      BIGINT  NOT NULL,
    scheduled_by  TEXT    NOT NULL,
    scheduled_at  TEXT    NOT NULL,
    claimed_until BIGINT,
    PRIMARY KEY (lang, slug)
);
CREATE INDEX scheduled_publications_by_due ON scheduled_publications (due_unix);
