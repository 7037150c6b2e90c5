-- What a late save (0025) still had to do once its revision was saved, who
-- was applying it, and when its author saw how it ended.
--
-- step: what the save does after the revision is saved, as one change with
-- it (askaf_site::Then, as text): 'schedule:UNIX', 'unschedule', 'review',
-- 'unpublish:SLUG' (the reserved slug the article moved off); NULL for
-- none. Its page says what was done, or what was not.
ALTER TABLE late_saves ADD COLUMN step TEXT;
-- The node applying it (its host and data directory): a node that starts
-- again finds the saves it was applying when it stopped, which no one is
-- applying any more, and says their outcome is unknown ('lost').
ALTER TABLE late_saves ADD COLUMN node TEXT NOT NULL DEFAULT '';
-- When its author was shown how it ended: once they save the article
-- again, the row serves no one and is deleted (so is any row 30 days on).
ALTER TABLE late_saves ADD COLUMN seen_at TEXT;
