-- PostgreSQL's form of sqlite/0032_unscheduled_revisions.sql.
ALTER TABLE article_edits ADD COLUMN unscheduled_unix BIGINT;
