-- What translations follow of each content file's article, as the
-- catalogue last read it (askaf_content::Article::followed: a hash of its
-- title, question, short answer, tags, sources and body). A start takes a
-- file it does not read again from the catalogue, which holds no body to
-- hash. NULL for a row written before: its file is read again at the next
-- start, once, which records it.
ALTER TABLE content_files ADD COLUMN followed TEXT;
