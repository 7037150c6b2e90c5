-- An editor's revision saved (published or unpublished in article_edits)
-- that a node then failed to apply: the index could not be written, the
-- database failed midway. The store says it is published; that node still
-- serves the version before it. Kept here, not in that node's memory, so
-- that a restart does not forget it (the node tries it again as it
-- starts) and every other node's editor page says it too.
CREATE TABLE unapplied_edits (
    -- The node that does not serve it as saved (askaf_store::Options::node:
    -- its host and data directory).
    node      TEXT NOT NULL,
    lang      TEXT NOT NULL,
    slug      TEXT NOT NULL,
    -- Why applying it failed, as the server's log says it.
    reason    TEXT NOT NULL,
    noted_at  TEXT NOT NULL,
    PRIMARY KEY (node, lang, slug)
);
