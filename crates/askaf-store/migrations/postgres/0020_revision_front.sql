-- PostgreSQL's form of sqlite/0020_revision_front.sql.
ALTER TABLE article_revisions ADD COLUMN front TEXT;
