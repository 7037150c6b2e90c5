-- PostgreSQL's form of sqlite/0019_revisions_by_revision.sql.
CREATE INDEX article_revisions_by_revision_only ON article_revisions (revision);
