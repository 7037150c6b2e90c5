-- PostgreSQL's form of sqlite/0024_review_action.sql: the CHECK changed in
-- place (SQLite rebuilt the table).
ALTER TABLE article_edits DROP CONSTRAINT article_edits_action_check;
ALTER TABLE article_edits ADD CONSTRAINT article_edits_action_check
    CHECK (action IN ('draft', 'publish', 'unpublish', 'restore', 'file', 'review'));
