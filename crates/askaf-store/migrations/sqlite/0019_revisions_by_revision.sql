-- Which article texts show an upload (Store::media_shown_in) is asked of
-- the revisions the content files hold now (content_files.revision), not
-- of every revision ever recorded: this finds each by its revision alone.
CREATE INDEX article_revisions_by_revision_only ON article_revisions (revision);
