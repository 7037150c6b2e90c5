-- Each revision's front matter, as JSON (as content_files keeps it), so
-- that what changed in an original since a translation was made from it
-- can be shown field by field (its title, question, short answer, topics
-- and sources), not only in its body. NULL for a revision recorded before.
ALTER TABLE article_revisions ADD COLUMN front TEXT;
