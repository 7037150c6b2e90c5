-- PostgreSQL's form of sqlite/0021_revision_front.sql.
ALTER TABLE article_revisions ADD COLUMN front TEXT;
