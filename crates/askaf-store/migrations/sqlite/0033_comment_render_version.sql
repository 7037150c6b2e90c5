-- Which version of the comment renderer (askaf_comments::RENDER_VERSION)
-- made each comment's body_html. A comment is stored rendered, so one
-- stored before the renderer changed (before bare URLs became links, say)
-- kept the old rendering until a moderator edited it; now a server rendered
-- with a newer renderer renders it again from its body, the text the reader
-- wrote, which is kept (Store::rerender_comments). 0: stored before this
-- column, by a renderer whose version was not kept.
ALTER TABLE comments ADD COLUMN render_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX comments_by_render_version ON comments (render_version);
