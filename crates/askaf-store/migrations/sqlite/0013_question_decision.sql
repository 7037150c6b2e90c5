-- Why Ask gave no answer (issue 11): the rule that turned the question away
-- (askaf_search::Decision, in snake case) and the sentence it weighed and
-- refused, link and text, so that an editor sees whether the site lacks the
-- subject or a paragraph nearly answers it. Empty for answered questions
-- and for those recorded before.
ALTER TABLE questions ADD COLUMN decision TEXT;
ALTER TABLE questions ADD COLUMN near_url TEXT;
ALTER TABLE questions ADD COLUMN near_text TEXT;
