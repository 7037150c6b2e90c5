-- PostgreSQL's form of sqlite/0014_tag_labels.sql.
CREATE TABLE tag_labels (
    tag TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fa', 'ps')),
    label TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tag, lang)
);
