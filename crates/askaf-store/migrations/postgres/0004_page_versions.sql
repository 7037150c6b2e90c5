-- PostgreSQL's form of sqlite/0004_page_versions.sql.
CREATE INDEX comment_decisions_by_article ON comment_decisions (lang, slug, id);
