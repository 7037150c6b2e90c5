-- PostgreSQL's form of sqlite/0013_question_decision.sql.
ALTER TABLE questions ADD COLUMN decision TEXT;
ALTER TABLE questions ADD COLUMN near_url TEXT;
ALTER TABLE questions ADD COLUMN near_text TEXT;
