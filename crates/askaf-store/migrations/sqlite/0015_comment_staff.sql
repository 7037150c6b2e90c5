-- Who on the staff wrote a comment: the account (its username) signed in
-- in the browser that posted it, a moderator, editor or admin answering a
-- reader from the article's own form; NULL for a reader. The article page,
-- its comment feed and the queue mark such a comment as the site's own,
-- and a reader may not sign with the site's name or a staff name, so the
-- mark is the one way to look official.
ALTER TABLE comments ADD COLUMN staff_user TEXT;
-- Read on every comment posted (the names readers may not take): the staff
-- comments alone, a handful among thousands.
CREATE INDEX comments_by_staff ON comments (staff_user) WHERE staff_user IS NOT NULL;
