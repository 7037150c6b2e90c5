-- PostgreSQL's form of sqlite/0030_restored_from.sql.
ALTER TABLE article_edits ADD COLUMN restored_from BIGINT;
