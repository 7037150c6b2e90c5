-- PostgreSQL's form of sqlite/0016_comment_reasons.sql.
ALTER TABLE comments ADD COLUMN held_reasons TEXT;
ALTER TABLE comment_decisions ADD COLUMN reasons TEXT;
