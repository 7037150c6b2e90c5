-- PostgreSQL's form of sqlite/0033_comment_render_version.sql.
ALTER TABLE comments ADD COLUMN render_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX comments_by_render_version ON comments (render_version);
