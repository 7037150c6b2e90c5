-- What readers want next (issue 12, item 6): each question's key (its
-- analyzed terms, so one question spelled or worded differently groups
-- with itself), the answer it was given, and the reader's Yes or No to
-- "Did this answer your question?". The vote is tied to the question by a
-- random token's hash, shown once on the answer page: still no address, no
-- account, no cookie.
ALTER TABLE questions ADD COLUMN terms TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN answer_url TEXT;
ALTER TABLE questions ADD COLUMN answer_text TEXT;
ALTER TABLE questions ADD COLUMN feedback_hash TEXT;
ALTER TABLE questions ADD COLUMN helpful INTEGER CHECK (helpful IN (0, 1));
CREATE UNIQUE INDEX questions_feedback ON questions (feedback_hash);
CREATE INDEX questions_not_helpful ON questions (helpful);
