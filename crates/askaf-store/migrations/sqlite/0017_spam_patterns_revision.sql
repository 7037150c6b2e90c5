-- How many times the word list was saved: a node keeps the list compiled
-- and asks only this, one row by its key, before each comment, so a list
-- saved through any node holds the next comment everywhere without being
-- compiled again for every one. A list saved before counts as saved once.
ALTER TABLE spam_patterns ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
