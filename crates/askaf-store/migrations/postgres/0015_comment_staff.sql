-- PostgreSQL's form of sqlite/0015_comment_staff.sql.
ALTER TABLE comments ADD COLUMN staff_user TEXT;
-- Read on every comment posted (the names readers may not take): the staff
-- comments alone, a handful among thousands.
CREATE INDEX comments_by_staff ON comments (staff_user) WHERE staff_user IS NOT NULL;
