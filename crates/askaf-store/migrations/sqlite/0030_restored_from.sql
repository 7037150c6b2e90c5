-- Which revision a restore brought back, by its id (EditAction::Restore).
-- The history named it by finding the newest earlier revision with the
-- same text, which named a newer revision than the one restored when two
-- had that text (a draft and its publication, or a text typed again).
-- NULL for a restore saved before this column, whose history still finds
-- the revision by its text, and for every other action.
ALTER TABLE article_edits ADD COLUMN restored_from INTEGER;
