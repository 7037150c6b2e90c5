-- A topic's (tag's) name per language, set by an editor at /admin/tags: a
-- tag born in the editor has no line in the interface's Fluent files and
-- showed its slug on Dari and Pashto pages. A label here is shown before
-- the built-in one; a language without one falls back to English, then to
-- the slug. Nothing else refers to this table.
CREATE TABLE tag_labels (
    tag TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fa', 'ps')),
    label TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tag, lang)
);
