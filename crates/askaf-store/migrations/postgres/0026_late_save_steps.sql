-- PostgreSQL's form of sqlite/0026_late_save_steps.sql.
ALTER TABLE late_saves ADD COLUMN step TEXT;
ALTER TABLE late_saves ADD COLUMN node TEXT NOT NULL DEFAULT '';
ALTER TABLE late_saves ADD COLUMN seen_at TEXT;
