-- PostgreSQL's form of sqlite/0029_catalogue_followed.sql.
ALTER TABLE content_files ADD COLUMN followed TEXT;
