-- PostgreSQL's form of sqlite/0027_account_lang_chosen.sql.
ALTER TABLE users ADD COLUMN lang_chosen INTEGER NOT NULL DEFAULT 0;
UPDATE users SET lang_chosen = 1;
