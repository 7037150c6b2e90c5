-- A cached page records the state of the comments it shows: the newest
-- decision about the article's comments (see Store::comment_version).
CREATE INDEX comment_decisions_by_article ON comment_decisions (lang, slug, id);
