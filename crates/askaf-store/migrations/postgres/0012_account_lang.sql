-- PostgreSQL's form of sqlite/0012_account_lang.sql.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'fa', 'ps'));
