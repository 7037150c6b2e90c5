-- PostgreSQL's form of sqlite/0020_catalogue_uploads.sql.
ALTER TABLE content_files ADD COLUMN uploads TEXT;
