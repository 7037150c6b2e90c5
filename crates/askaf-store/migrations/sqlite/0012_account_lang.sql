-- Each account's interface language (issue 12, item 8): the editorial pages
-- are shown to its user in English, Dari or Pashto. Existing accounts, and
-- new ones until their user chooses, keep English.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'fa', 'ps'));
