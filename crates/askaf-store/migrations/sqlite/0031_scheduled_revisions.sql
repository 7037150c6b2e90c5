-- When the revision saved by the editor's Schedule button was scheduled to
-- be published (seconds since 1970, UTC), set with the schedule
-- (Store::schedule): its history said "Saved as a draft", as for any
-- draft, and scheduled_publications forgets the time once it is
-- published or the schedule is moved. NULL for every other revision, and
-- for one scheduled before this column.
ALTER TABLE article_edits ADD COLUMN scheduled_unix INTEGER;
