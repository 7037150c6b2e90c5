-- PostgreSQL's form of sqlite/0031_scheduled_revisions.sql.
ALTER TABLE article_edits ADD COLUMN scheduled_unix BIGINT;
