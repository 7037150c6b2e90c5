-- PostgreSQL's form of sqlite/0028_unapplied_edits.sql.
CREATE TABLE unapplied_edits (
    node      TEXT NOT NULL,
    lang      TEXT NOT NULL,
    slug      TEXT NOT NULL,
    reason    TEXT NOT NULL,
    noted_at  TEXT NOT NULL,
    PRIMARY KEY (node, lang, slug)
);
