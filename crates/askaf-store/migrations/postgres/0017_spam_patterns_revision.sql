-- PostgreSQL's form of sqlite/0017_spam_patterns_revision.sql.
ALTER TABLE spam_patterns ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
