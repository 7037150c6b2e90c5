-- Why a comment was held, and why each automatic decision in the log was
-- taken, with the values a moderator needs (the word-list entry that
-- matched, how many links, how many seconds, which ban): a JSON array of
-- askaf_comments::Reason, each {"code": …, "values": …}, so the queue and
-- the log say it in each moderator's own language. NULL on rows from before
-- it, which keep showing the English sentence in held_detail and detail.
ALTER TABLE comments ADD COLUMN held_reasons TEXT;
ALTER TABLE comment_decisions ADD COLUMN reasons TEXT;
