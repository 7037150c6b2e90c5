-- An author's draft submitted for review (issue 12, item 7): an author
-- writes, an editor publishes. The row stays until the article is
-- published or unpublished, so editors see what waits for them.
CREATE TABLE review_requests (
    lang         TEXT NOT NULL,
    slug         TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    PRIMARY KEY (lang, slug)
);
