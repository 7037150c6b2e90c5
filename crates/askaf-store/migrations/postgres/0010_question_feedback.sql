-- PostgreSQL's form of sqlite/0010_question_feedback.sql.
ALTER TABLE questions ADD COLUMN terms TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN answer_url TEXT;
ALTER TABLE questions ADD COLUMN answer_text TEXT;
ALTER TABLE questions ADD COLUMN feedback_hash TEXT;
ALTER TABLE questions ADD COLUMN helpful BIGINT CHECK (helpful IN (0, 1));
CREATE UNIQUE INDEX questions_feedback ON questions (feedback_hash);
CREATE INDEX questions_not_helpful ON questions (helpful);
