-- For the revision saved by the editor's "Cancel the schedule" with changed
-- text: when the schedule it cancelled was to publish the article (seconds
-- since 1970, UTC), set with the cancellation (Store::unschedule). Its
-- history said "Saved as a draft", as for any draft, though the save also
-- cancelled a schedule. NULL for every other revision.
ALTER TABLE article_edits ADD COLUMN unscheduled_unix INTEGER;
