-- PostgreSQL's form of sqlite/0022_schedule_failures.sql.
ALTER TABLE scheduled_publications ADD COLUMN failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE scheduled_publications ADD COLUMN failure TEXT;
